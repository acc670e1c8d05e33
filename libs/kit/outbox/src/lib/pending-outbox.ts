import type { OutboxEvent } from './outbox-event';

export interface StoredEvent<E extends OutboxEvent = OutboxEvent> {
  /** Position in the outbox; relayed in this order. */
  readonly seq: string;
  readonly event: E;
}

/**
 * The relay's view of an outbox: committed events not yet published. Each backend
 * lets one drain run at a time (across processes, for MySQL), so a batch is never in
 * two relays' hands at once.
 */
export interface PendingOutbox<E extends OutboxEvent = OutboxEvent> {
  /**
   * Hands the oldest pending events (at most `limit`) to `publish` and removes them once
   * it resolves. When `publish` throws they stay pending, to be handed out again: an
   * event may be published more than once, never not at all. Resolves to how many were published.
   */
  drain(limit: number, publish: (events: readonly StoredEvent<E>[]) => Promise<void>): Promise<number>;
  /** The oldest pending events without taking them, for inspection and tests. */
  peek(limit: number): Promise<StoredEvent<E>[]>;
  countPending(): Promise<number>;
}
