import type { PendingOutbox, StoredEvent } from '../outbox/pending-outbox';
import { AsyncMutex } from './async-mutex';
import type { MemoryAccountDatabase } from './memory-account-database';

/** The relay's side of the in-memory outbox: committed events, oldest first, removed once published. */
export class MemoryPendingOutbox implements PendingOutbox {
  // One drain at a time, like the MySQL relay lock, so no event is handed out twice at once.
  private readonly draining = new AsyncMutex();

  constructor(private readonly db: MemoryAccountDatabase) {}

  drain(limit: number, publish: Parameters<PendingOutbox['drain']>[1]): Promise<number> {
    return this.draining.runExclusive(async () => {
      const batch = this.db.outbox.slice(0, limit);
      if (batch.length === 0) return 0;
      await publish(batch);
      // Only this drain removes events and appends go to the end, so the batch is still the head.
      this.db.outbox.splice(0, batch.length);
      return batch.length;
    });
  }

  async peek(limit: number): Promise<StoredEvent[]> {
    return this.db.outbox.slice(0, limit);
  }

  async countPending(): Promise<number> {
    return this.db.outbox.length;
  }
}
