import type { DomainEvent } from '../events/domain-event';

/**
 * Where a use case puts the events of a change, inside the change's transaction: they
 * are stored if and only if the change commits, and a relay publishes them afterwards.
 */
export interface Outbox {
  add(events: readonly DomainEvent[]): Promise<void>;
}
