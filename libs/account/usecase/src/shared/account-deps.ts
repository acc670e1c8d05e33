import type { AccountRepository, IdempotencyStore, LedgerRepository, PointsRepository, UnitOfWork } from '@mosaic/account-domain';
import type { Clock, IdGenerator } from '@mosaic/kit-core';
import type { RetryOptions } from './optimistic-retry';

/**
 * What the account use cases need. `accounts`, `points`, `ledger` and `idempotency`
 * read committed state outside any transaction; writes go through `unitOfWork`.
 */
export interface AccountDeps {
  readonly unitOfWork: UnitOfWork;
  readonly accounts: AccountRepository;
  readonly points: PointsRepository;
  readonly ledger: LedgerRepository;
  readonly idempotency: IdempotencyStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly retry?: RetryOptions;
}
