import type { OutboxEvent } from '../lib/outbox-event';
import type { PendingOutbox, StoredEvent } from '../lib/pending-outbox';
import type { MemoryOutboxLog } from './memory-outbox-log';

/** The relay's side of the in-memory outbox: committed events, oldest first, removed once published. */
export class MemoryPendingOutbox<E extends OutboxEvent = OutboxEvent> implements PendingOutbox<E> {
  // One drain at a time, like the MySQL relay lock, so no event is handed out twice at once.
  private draining: Promise<unknown> = Promise.resolve();

  constructor(private readonly log: MemoryOutboxLog<E>) {}

  drain(limit: number, publish: (events: readonly StoredEvent<E>[]) => Promise<void>): Promise<number> {
    const run = this.draining.then(async () => {
      const batch = this.log.entries.slice(0, limit);
      if (batch.length === 0) return 0;
      await publish(batch);
      // Only this drain removes events and appends go to the end, so the batch is still the head.
      this.log.entries.splice(0, batch.length);
      return batch.length;
    });
    this.draining = run.catch(() => undefined);
    return run;
  }

  async peek(limit: number): Promise<StoredEvent<E>[]> {
    return this.log.entries.slice(0, limit);
  }

  async countPending(): Promise<number> {
    return this.log.entries.length;
  }
}
