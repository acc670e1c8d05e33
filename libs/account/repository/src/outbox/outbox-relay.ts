import { ACCOUNT_EVENTS_TOPIC } from '@mosaic/account-domain';
import { OutboxRelay as KitOutboxRelay, type OutboxRelayOptions as KitOutboxRelayOptions } from '@mosaic/kit-outbox';

export type { RelayLogger } from '@mosaic/kit-outbox';

/** kit-outbox's relay with the account domain's topic unless another is given. */
export type OutboxRelayOptions = Omit<KitOutboxRelayOptions, 'topic'> & { readonly topic?: string };

export class OutboxRelay extends KitOutboxRelay {
  constructor(options: OutboxRelayOptions) {
    super({ name: 'account-outbox-relay', ...options, topic: options.topic ?? ACCOUNT_EVENTS_TOPIC });
  }
}
