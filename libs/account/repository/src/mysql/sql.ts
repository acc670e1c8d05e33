import type { PoolConnection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';

/** A pool or one connection of it (inside a transaction): the repositories work on either. */
export type Sql = Pick<PoolConnection, 'query' | 'execute'>;

export type Rows = RowDataPacket[];
export type Written = ResultSetHeader;

const built = new Map<string, string>();

/** `(?, ?, ?), (?, ?, ?)` for a multi-row insert of `rows` rows of `columns` values; built once per shape (they are few). */
export function placeholders(rows: number, columns: number): string {
  const shape = `${rows}x${columns}`;
  let text = built.get(shape);
  if (text === undefined) {
    const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
    text = Array.from({ length: rows }, () => row).join(', ');
    if (built.size < 1024) built.set(shape, text);
  }
  return text;
}

/** BIGINT columns arrive as strings (the pool never turns them into floats); bigints leave as strings. */
export const toBigInt = (value: unknown): bigint => BigInt(value as string);

/** LIMIT cannot be a placeholder in every server version; inline it, validated. */
export function safeLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  return limit;
}
