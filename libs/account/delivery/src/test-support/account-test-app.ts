import { createAccountAdapters, MemoryNotifier, type AccountAdapterOptions } from '@mosaic/account-repository';
import { createAccountUseCases } from '@mosaic/account-usecase';
import { SnowflakeIds, systemClock } from '@mosaic/kit-core';
import { buildHttpApp, deferPrincipal, setPrincipal } from '@mosaic/kit-http';
import { createLogger } from '@mosaic/kit-log';
import type { RequestHandler } from 'express';
import { accountRouter } from '../http/account-router';

let worker = 1;

/**
 * Stands in for the auth domain's `authenticate`: the principal comes from test
 * headers, so these tests exercise the account routes and nothing of token checking.
 * Deferred as the real one is, so a route reading the principal undeclared fails here.
 */
export const testPrincipal = (): RequestHandler => (req, _res, next) => {
  deferPrincipal(req, async () => {
    const user = req.get('x-test-user');
    if (user) setPrincipal(req, { id: user, roles: (req.get('x-test-roles') ?? 'user').split(',') });
  });
  next();
};

export const as = (user: string, roles = 'user') => ({ 'x-test-user': user, 'x-test-roles': roles });
export const asAdmin = () => as('root', 'user,admin');

/** The account routes over fresh in-memory adapters, composed the way apps compose them. */
export function accountTestApp(options: { allowTestDeposits?: boolean; adapters?: AccountAdapterOptions } = {}) {
  const notifier = new MemoryNotifier();
  const adapters = createAccountAdapters({ notifier, ...options.adapters });
  const logger = createLogger({ name: 'account-test', level: 'silent', pretty: false });
  const useCases = createAccountUseCases({ ...adapters, clock: systemClock, ids: new SnowflakeIds(worker++ % 1024) });
  const http = buildHttpApp({
    logger,
    resources: adapters.resources,
    mount: (app) => {
      app.use(testPrincipal());
      app.use('/api/v1', accountRouter(useCases, { allowTestDeposits: options.allowTestDeposits ?? true }));
    },
  });
  return { ...http, adapters, useCases, notifier, logger };
}
