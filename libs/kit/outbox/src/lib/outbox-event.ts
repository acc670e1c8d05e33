/** A JSON-safe value: money travels as decimal strings, never as numbers or bigints. */
export type EventValue = string | number | boolean | null | readonly EventValue[] | { readonly [key: string]: EventValue };

/**
 * What any domain's outbox holds: something that happened to an aggregate, written in
 * the transaction that made it happen and published afterwards. `id` is unique per
 * event, so consumers that see one twice (delivery is at least once) can tell.
 */
export interface OutboxEvent {
  readonly id: string;
  readonly type: string;
  readonly aggregateType: string;
  readonly aggregateId: string;
  readonly occurredAt: Date;
  /** Who should hear about it (the owners involved), for notifications. */
  readonly recipients: readonly string[];
  readonly data: { readonly [key: string]: EventValue };
}
