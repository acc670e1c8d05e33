import type { AccountRepository, IdempotencyStore, PointsRepository, UnitOfWork } from '@mosaic/account-domain';
import { MemoryAccountRepository } from './memory-account-repository';
import type { MemoryAccountDatabase } from './memory-account-database';
import { MemoryIdempotencyStore } from './memory-idempotency-store';
import { MemoryPointsRepository } from './memory-points-repository';
import { MemoryTransaction } from './memory-transaction';

/**
 * The repositories used outside a unit of work: reads see committed state without
 * waiting for the write lock (commits are applied synchronously, so never half of
 * one); each write is its own unit of work.
 */
export function memoryCommittedScope(db: MemoryAccountDatabase, unitOfWork: UnitOfWork) {
  const reader = () => new MemoryTransaction(db);
  const accounts: AccountRepository = {
    findById: (id) => new MemoryAccountRepository(reader()).findById(id),
    findByIds: (ids) => new MemoryAccountRepository(reader()).findByIds(ids),
    listByOwner: (ownerId, limit) => new MemoryAccountRepository(reader()).listByOwner(ownerId, limit),
    save: (account) => unitOfWork.run((tx) => tx.accounts.save(account)),
    saveAll: (changed) => unitOfWork.run((tx) => tx.accounts.saveAll(changed)),
  };
  const points: PointsRepository = {
    findById: (id) => new MemoryPointsRepository(reader()).findById(id),
    listByOwner: (ownerId, limit) => new MemoryPointsRepository(reader()).listByOwner(ownerId, limit),
    save: (aggregate) => unitOfWork.run((tx) => tx.points.save(aggregate)),
  };
  const idempotency: IdempotencyStore = {
    find: (userId, key) => new MemoryIdempotencyStore(reader()).find(userId, key),
    claim: (record) => unitOfWork.run((tx) => tx.idempotency.claim(record)),
  };
  return { accounts, points, idempotency };
}
