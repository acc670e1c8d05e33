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

  async claim(record: { userId: string; key: string; fingerprint: string; createdAt: Date; response?: string }): Promise<void> {
    const id = idempotencyKeyOf(record.userId, record.key);
    if (this.tx.idempotency.has(id)) throw new IdempotencyKeyTakenError(record.userId, record.key);
    this.tx.idempotency.set(id, { ...record, response: record.response ?? null });
  }

  async complete(userId: string, key: string, response: string): Promise<void> {
    const id = idempotencyKeyOf(userId, key);
    const claimed = this.tx.idempotency.get(id);
    if (!claimed) throw new Error(`idempotency key ${key} was not claimed in this unit of work`);
    this.tx.idempotency.set(id, { ...claimed, response });
  }
}
