import type { DomainEvent, Outbox } from '@mosaic/account-domain';
import type { MemoryTransaction } from './memory-transaction';

export class MemoryOutbox implements Outbox {
  constructor(private readonly tx: MemoryTransaction) {}

  async add(events: readonly DomainEvent[]): Promise<void> {
    this.tx.events.push(...events);
  }
}
