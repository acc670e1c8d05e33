import type { Pool, PoolConnection } from 'mysql2/promise';
import { isRetryableTransactionError } from './mysql-errors';
import { ISOLATION_LEVELS, sessionIsolationOf, type IsolationLevel } from './session-isolation';

export type { IsolationLevel } from './session-isolation';

export interface TransactionOptions {
  /** Extra attempts after a deadlock, lock wait timeout or serialization failure; default 3. */
  retries?: number;
  /**
   * For this transaction only; default the pool's session level (READ COMMITTED for a
   * kit pool). Asking for the session's own level costs no statement; any other level
   * costs one `SET TRANSACTION` per transaction.
   */
  isolationLevel?: IsolationLevel;
  /** First backoff ceiling; each retry doubles it up to `maxDelayMs`. Default 20 ms. */
  baseDelayMs?: number;
  /** Default 1,000 ms. */
  maxDelayMs?: number;
}

/**
 * Runs `work` in a transaction on one pooled connection: commits when it resolves,
 * rolls back when anything throws. A deadlock, lock wait timeout or serialization
 * failure rolls back and runs `work` again from the start (with full-jitter
 * exponential backoff, so the colliding transactions stop meeting), at most
 * `retries` more times; then, or on any other error, the error is rethrown as is.
 *
 * `work` may therefore run more than once: it must do its effects through `tx` only
 * (publishing happens after commit, or through an outbox written in `tx`).
 */
export async function withTransaction<T>(pool: Pool, work: (tx: PoolConnection, attempt: number) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const retries = options.retries ?? 3;
  if (!Number.isSafeInteger(retries) || retries < 0) throw new RangeError(`retries must be a non-negative integer, got ${retries}`);
  if (options.isolationLevel && !ISOLATION_LEVELS.includes(options.isolationLevel)) {
    throw new RangeError(`unknown isolation level ${options.isolationLevel}`);
  }
  const baseDelayMs = options.baseDelayMs ?? 20;
  const maxDelayMs = options.maxDelayMs ?? 1_000;
  const isolationLevel = options.isolationLevel === sessionIsolationOf(pool) ? undefined : options.isolationLevel;

  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(pool, work, attempt, isolationLevel);
    } catch (error) {
      if (attempt > retries || !isRetryableTransactionError(error)) throw error;
    }
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
}

async function attemptOnce<T>(
  pool: Pool,
  work: (tx: PoolConnection, attempt: number) => Promise<T>,
  attempt: number,
  isolationLevel: IsolationLevel | undefined,
): Promise<T> {
  const tx = await pool.getConnection();
  let reusable = true;
  try {
    // Applies to the next transaction on this session only.
    if (isolationLevel) await tx.query(`SET TRANSACTION ISOLATION LEVEL ${isolationLevel}`);
    await tx.beginTransaction();
    const result = await work(tx, attempt);
    await tx.commit();
    return result;
  } catch (error) {
    try {
      await tx.rollback();
    } catch {
      // A connection that cannot roll back may still hold the transaction open; never reuse it.
      reusable = false;
    }
    throw error;
  } finally {
    if (reusable) tx.release();
    else tx.destroy();
  }
}
