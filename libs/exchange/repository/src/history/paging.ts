import type { PageQuery } from '@mosaic/exchange-domain';

/**
 * One page of `rows` (sorted by id, oldest first), newest first: `after` pages
 * back in time (ids below it), `before` forward (ids above it, the nearest first
 * then reversed to newest first).
 */
export function pageOf<Row extends { id: number }>(rows: readonly Row[], query: PageQuery, keep: (row: Row) => boolean): Row[] {
  const out: Row[] = [];
  if (query.before !== undefined) {
    for (const row of rows) {
      if (row.id <= query.before || !keep(row)) continue;
      out.push(row);
      if (out.length === query.limit) break;
    }
    return out.reverse();
  }
  for (let i = rows.length - 1; i >= 0 && out.length < query.limit; i--) {
    const row = rows[i];
    if (query.after !== undefined && row.id >= query.after) continue;
    if (keep(row)) out.push(row);
  }
  return out;
}
