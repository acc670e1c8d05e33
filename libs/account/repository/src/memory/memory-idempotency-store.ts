import { IdempotencyKeyTakenError, type IdempotencyRecord, type IdempotencyStore } from '@mosaic/account-domain';
import { idempotencyKeyOf } from './memory-account-database';
import type { MemoryTransaction } from './memory-transaction';

/**
 * Keys of one in-memory transaction. Units of work run one at a time here, so a claim
 * never meets one in flight: it sees the committed key or none.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  constructor(private readonly tx: MemoryTransaction) {}

  async find(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.tx.idempotency.get(idempotencyKeyOf(userId, key));
  }

  async claim(record: { userId: string; key: string; fingerprint: string; createdAt: Date; response: string }): Promise<void> {
    const id = idempotencyKeyOf(record.userId, record.key);
    if (this.tx.idempotency.has(id)) throw new IdempotencyKeyTakenError(record.userId, record.key);
    this.tx.idempotency.set(id, { ...record });
  }
}
