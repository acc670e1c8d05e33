import type { PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';

/** A pool or one connection of it (inside a transaction). */
export type Sql = Pick<PoolConnection, 'query'>;
export type Rows = RowDataPacket[];
export type Written = ResultSetHeader;

/** LIMIT cannot be a placeholder in every server version; inline it, validated. */
export function safeLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  return limit;
}
