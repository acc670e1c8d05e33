import { createHash } from 'node:crypto';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';

/** What `withNamedLock` answers when another session holds the lock past the wait. */
export const LOCK_NOT_ACQUIRED: unique symbol = Symbol('lock not acquired');

/**
 * Runs `fn` on one pooled connection while that session holds the server lock
 * `scope` (GET_LOCK), scoped to the current database; waits up to `waitSeconds`
 * (0: try once). The lock belongs to the session, so a process that dies mid-way
 * frees it; a session whose release failed is discarded rather than pooled, since
 * closing it is then what frees the lock.
 */
export async function withNamedLock<T>(
  pool: Pool,
  scope: string,
  waitSeconds: number,
  fn: (connection: PoolConnection) => Promise<T>,
): Promise<T | typeof LOCK_NOT_ACQUIRED> {
  const connection = await pool.getConnection();
  let reusable = true;
  try {
    const lock = await lockName(pool, connection, scope);
    const [rows] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS locked', [lock, waitSeconds]);
    // BIGINT results may arrive as strings when the pool uses bigNumberStrings.
    if (Number(rows[0]?.locked) !== 1) return LOCK_NOT_ACQUIRED;
    try {
      return await fn(connection);
    } finally {
      try {
        await connection.query('SELECT RELEASE_LOCK(?)', [lock]);
      } catch {
        reusable = false;
      }
    }
  } finally {
    if (reusable) connection.release();
    else connection.destroy();
  }
}

/** A pool's connections all open on its URL's database, so each lock name is computed once per pool. */
const lockNames = new WeakMap<Pool, Map<string, string>>();

/** GET_LOCK names are server-wide and at most 64 characters: hash database and scope into one. */
async function lockName(pool: Pool, connection: PoolConnection, scope: string): Promise<string> {
  const known = lockNames.get(pool) ?? new Map<string, string>();
  lockNames.set(pool, known);
  const cached = known.get(scope);
  if (cached) return cached;
  const [rows] = await connection.query<RowDataPacket[]>('SELECT DATABASE() AS db');
  const database = String(rows[0]?.db ?? '');
  const name = `mosaic_${createHash('sha256').update(`${database}\0${scope}`).digest('hex').slice(0, 40)}`;
  known.set(scope, name);
  return name;
}
