import type { AccountRepository } from './account-repository';
import type { IdempotencyStore } from './idempotency-store';
import type { Outbox } from './outbox';
import type { PointsRepository } from './points-repository';

/** The repositories of one transaction. */
export interface TransactionScope {
  readonly accounts: AccountRepository;
  readonly points: PointsRepository;
  readonly outbox: Outbox;
  readonly idempotency: IdempotencyStore;
}

/**
 * Runs `work` in one transaction: everything it saved, appended and claimed through
 * `tx` commits together when it resolves, and none of it when it throws. `work` may be
 * run more than once (a backend retries deadlocks), so it must load what it changes
 * through `tx` and have no other effects. Units of work do not nest.
 *
 * A backend may lock what `work` loads until the end of the unit of work (MySQL does),
 * so `work` that loads several aggregates of one kind loads them in ascending id order,
 * and accounts before points: lock waits then never form a cycle.
 */
export interface UnitOfWork {
  run<T>(work: (tx: TransactionScope) => Promise<T>): Promise<T>;
}
