import type { Pool } from 'mysql2/promise';

export type IsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

export const ISOLATION_LEVELS: readonly IsolationLevel[] = ['READ UNCOMMITTED', 'READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE'];

/**
 * The level every session of a kit pool runs at (set when each connection opens), kept
 * on the driver's pool object so any wrapper that forwards property reads still tells it.
 */
const SESSION_ISOLATION = Symbol.for('mosaic.kit-db.sessionIsolation');

export function rememberSessionIsolation(pool: Pool, level: IsolationLevel): void {
  if (!ISOLATION_LEVELS.includes(level)) throw new RangeError(`unknown isolation level ${level}`);
  Object.defineProperty(pool, SESSION_ISOLATION, { value: level });
}

/** Undefined for a pool the kit did not create: its sessions run at the server's default. */
export function sessionIsolationOf(pool: Pool): IsolationLevel | undefined {
  return (pool as unknown as Record<symbol, IsolationLevel | undefined>)[SESSION_ISOLATION];
}
