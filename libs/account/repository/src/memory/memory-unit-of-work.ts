import { AsyncLocalStorage } from 'node:async_hooks';
import type { TransactionScope, UnitOfWork } from '@mosaic/account-domain';
import { MemoryAccountRepository } from './memory-account-repository';
import type { MemoryAccountDatabase } from './memory-account-database';
import { MemoryIdempotencyStore } from './memory-idempotency-store';
import { MemoryOutbox } from './memory-outbox';
import { MemoryPointsRepository } from './memory-points-repository';
import { MemoryTransaction } from './memory-transaction';

const inUnitOfWork = new AsyncLocalStorage<true>();

/**
 * Serializable units of work in memory: one at a time, all-or-nothing. Writes are
 * staged and applied in one synchronous step after `work` resolves; a throw discards
 * them. Running one at a time means no optimistic conflict ever happens here — the
 * version checks still run, and catch aggregates saved from a stale load.
 */
export class MemoryUnitOfWork implements UnitOfWork {
  constructor(
    private readonly db: MemoryAccountDatabase,
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  async run<T>(work: (tx: TransactionScope) => Promise<T>): Promise<T> {
    // Waiting for our own lock would hang forever; fail loudly instead.
    if (inUnitOfWork.getStore()) throw new Error('units of work do not nest: finish one before starting another');
    const result = await this.db.writeLock.runExclusive(() =>
      inUnitOfWork.run(true, async () => {
        const tx = new MemoryTransaction(this.db);
        const outcome = await work(scopeOf(tx));
        tx.commit();
        return outcome;
      }),
    );
    this.afterCommit();
    return result;
  }
}

export function scopeOf(tx: MemoryTransaction): TransactionScope {
  return {
    accounts: new MemoryAccountRepository(tx),
    points: new MemoryPointsRepository(tx),
    outbox: new MemoryOutbox(tx),
    idempotency: new MemoryIdempotencyStore(tx),
  };
}
