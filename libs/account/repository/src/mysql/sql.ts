import type { PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';

/** A pool or one connection of it (inside a transaction): the repositories work on either. */
export type Sql = Pick<PoolConnection, 'query' | 'execute'>;

export type Rows = RowDataPacket[];
export type Written = ResultSetHeader;

/** `(?, ?, ?), (?, ?, ?)` for a multi-row insert of `rows` rows of `columns` values. */
export function placeholders(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

/** BIGINT columns arrive as strings (the pool never turns them into floats); bigints leave as strings. */
export const toBigInt = (value: unknown): bigint => BigInt(value as string);

/** LIMIT cannot be a placeholder in every server version; inline it, validated. */
export function safeLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  return limit;
}
