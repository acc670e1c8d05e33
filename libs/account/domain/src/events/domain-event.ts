/** A JSON-safe value: money travels as decimal strings, never as numbers or bigints. */
export type EventValue = string | number | boolean | null | readonly EventValue[] | { readonly [key: string]: EventValue };

/** The MQ topic the account domain's events are relayed to, keyed by aggregate id. */
export const ACCOUNT_EVENTS_TOPIC = 'account.events';

export type AccountEventType =
  | 'account.opened'
  | 'account.deposited'
  | 'account.withdrawn'
  | 'account.transferred'
  | 'account.address-changed'
  | 'account.card-added'
  | 'account.card-removed'
  | 'account.card-enabled'
  | 'account.card-disabled'
  | 'points.opened'
  | 'points.purchased';

export const ACCOUNT_EVENT_TYPES: readonly AccountEventType[] = [
  'account.opened',
  'account.deposited',
  'account.withdrawn',
  'account.transferred',
  'account.address-changed',
  'account.card-added',
  'account.card-removed',
  'account.card-enabled',
  'account.card-disabled',
  'points.opened',
  'points.purchased',
];

/**
 * Something that happened to an aggregate, written to the outbox in the transaction
 * that made it happen and published afterwards. `id` is unique per event, so
 * consumers that see one twice (delivery is at least once) can tell.
 */
export interface DomainEvent {
  readonly id: string;
  readonly type: AccountEventType;
  readonly aggregateType: 'account' | 'points';
  readonly aggregateId: string;
  readonly occurredAt: Date;
  /** Who should hear about it (the owners involved), for notifications. */
  readonly recipients: readonly string[];
  readonly data: { readonly [key: string]: EventValue };
}
