import type { TransactionScope, UnitOfWork } from '@mosaic/account-domain';
import { isRetryableTransactionError, withTransaction } from '@mosaic/kit-db';
import type { Pool, PoolConnection } from 'mysql2/promise';
import { BufferedLedger, MysqlAccountRepository } from './mysql-account-repository';
import { MysqlIdempotencyStore } from './mysql-idempotency-store';
import { MysqlOutbox } from './mysql-outbox';
import { MysqlPointsRepository } from './mysql-points-repository';

/**
 * How concurrent writers of one aggregate meet. Both check versions on every save.
 * - `lock-on-load` (default): loads inside a unit of work lock the aggregate's row, so
 *   the second writer waits for the first and then works on fresh state — no wasted
 *   transaction, the best choice when the same accounts are busy.
 * - `optimistic`: loads take no lock; the second writer's save finds the version moved
 *   and the use case retries the whole unit of work — cheaper when conflicts are rare.
 */
export type MysqlConcurrency = 'lock-on-load' | 'optimistic';

export interface MysqlUnitOfWorkOptions {
  readonly concurrency?: MysqlConcurrency;
  /** Extra attempts after a deadlock or lock wait timeout; default 5. */
  readonly deadlockRetries?: number;
  /** Called after every commit (the relay's wake-up). */
  readonly afterCommit?: () => void;
  /** Told about every rerun after a deadlock or lock wait timeout. */
  readonly onDeadlockRetry?: () => void;
}

/**
 * One MySQL transaction per unit of work, at READ COMMITTED: every read sees the latest
 * committed state (a row read after waiting for a lock is never older than the lock),
 * and searches take no gap locks, so fewer transactions collide. Use cases that load
 * several aggregates of one kind load them in ascending id order, so lock waits never
 * form a cycle; a deadlock that happens anyway (or a lock wait timeout) rolls back and
 * reruns `work`.
 */
export class MysqlUnitOfWork implements UnitOfWork {
  private readonly lockOnLoad: boolean;

  constructor(
    private readonly pool: Pool,
    private readonly options: MysqlUnitOfWorkOptions = {},
  ) {
    this.lockOnLoad = (options.concurrency ?? 'lock-on-load') === 'lock-on-load';
  }

  async run<T>(work: (tx: TransactionScope) => Promise<T>): Promise<T> {
    const retries = this.options.deadlockRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await withTransaction(
          this.pool,
          async (connection) => {
            const ledger = new BufferedLedger();
            const outcome = await work(mysqlScope(connection, this.lockOnLoad, ledger));
            await ledger.flush(connection);
            return outcome;
          },
          { retries: 0, isolationLevel: 'READ COMMITTED' },
        );
        this.options.afterCommit?.();
        return result;
      } catch (error) {
        if (attempt >= retries || !isRetryableTransactionError(error)) throw error;
      }
      this.options.onDeadlockRetry?.();
      // Full jitter, so the transactions that collided stop meeting.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));
    }
  }
}

/** The repositories of one transaction; new ledger rows wait in `ledger` until the unit of work flushes it. */
export function mysqlScope(connection: PoolConnection, lockOnLoad: boolean, ledger: BufferedLedger): TransactionScope {
  return {
    accounts: new MysqlAccountRepository(connection, lockOnLoad, ledger),
    points: new MysqlPointsRepository(connection, lockOnLoad),
    outbox: new MysqlOutbox(connection),
    idempotency: new MysqlIdempotencyStore(connection),
  };
}
