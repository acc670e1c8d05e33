import type { OutboxEvent } from '../lib/outbox-event';
import type { StoredEvent } from '../lib/pending-outbox';

/**
 * The in-memory outbox table: a domain's memory unit of work appends the events of a
 * change when (and only when) it commits; the relay's MemoryPendingOutbox takes them
 * from the head.
 */
export class MemoryOutboxLog<E extends OutboxEvent = OutboxEvent> {
  readonly entries: StoredEvent<E>[] = [];
  private nextSeq = 1n;

  append(events: readonly E[]): void {
    for (const event of events) this.entries.push({ seq: String(this.nextSeq++), event });
  }
}
