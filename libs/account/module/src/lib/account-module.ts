import { accountPageRouter, startAccountNotifications, accountRouter } from '@mosaic/account-delivery';
import { createAccountAdapters } from '@mosaic/account-repository';
import { createAccountUseCases } from '@mosaic/account-usecase';
import type { AppContext } from '@mosaic/kit-app';
import { systemClock } from '@mosaic/kit-core';
import { loadAccountSettings } from './account-settings';

export type AccountModule = Awaited<ReturnType<typeof createAccountModule>>;

/**
 * The account domain on the process's shared backends: MySQL when configured (migrated
 * here), else memory; the outbox relayed to the shared queue (Kafka or in-process),
 * and the notification consumer reading it back. Close `resources` on shutdown (before
 * the shared backends): the consumer, then the relay.
 */
export interface AccountModuleOptions {
  /** Where the account page is served: "/accounts/" on the platform, "/" on the account app. */
  readonly pagePath?: string;
}

export async function createAccountModule(context: AppContext, options: AccountModuleOptions = {}) {
  const settings = loadAccountSettings(context.env);
  const logger = context.logger.child({ domain: 'account' });
  const adapters = createAccountAdapters({ mysql: context.backends.mysql, mq: context.backends.mq, logger });
  await adapters.migrate?.();
  const useCases = createAccountUseCases({ ...adapters, clock: systemClock, ids: context.ids });
  adapters.relay.start();
  const notifications = await startAccountNotifications({ subscriber: context.backends.mq, notify: useCases.notifyAccountEvent, logger });
  logger.info({ backend: adapters.backend, testDeposits: settings.allowTestDeposits }, 'account domain ready');
  return {
    adapters,
    useCases,
    /** Mount at `/api/v1`, after auth's `authenticate`. */
    router: accountRouter(useCases, { allowTestDeposits: settings.allowTestDeposits }),
    /** The account page (and its assets); mount at the root. */
    page: accountPageRouter(options.pagePath, { allowTestDeposits: settings.allowTestDeposits }),
    resources: [...adapters.resources, notifications],
  };
}
