import { withTransaction, type MysqlPool } from '@mosaic/kit-db';
import type { ClickCounter } from '@mosaic/urlshortener-domain';
import type { RowDataPacket } from 'mysql2/promise';
import { assertClickDeltas } from '../click-deltas';

/** Rows per statement: large batches stay well under max_allowed_packet. */
const ROWS_PER_STATEMENT = 500;

/**
 * Click totals in MySQL, one row per code. A batch is one transaction of multi-row
 * upserts, so it is stored whole or not at all. Codes are written in sorted order:
 * flushers in several processes then lock rows in the same order and cannot
 * deadlock each other (and a deadlock from elsewhere is retried by withTransaction).
 */
export class MysqlClickCounter implements ClickCounter {
  constructor(private readonly pool: MysqlPool) {}

  async add(deltas: ReadonlyMap<string, number>): Promise<void> {
    assertClickDeltas(deltas);
    if (deltas.size === 0) return;
    const rows = [...deltas].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    await withTransaction(this.pool, async (tx) => {
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
        await tx.query(
          `INSERT INTO urlshortener_link_clicks (code, clicks) VALUES ${chunk.map(() => '(?, ?)').join(', ')}
           ON DUPLICATE KEY UPDATE clicks = clicks + VALUES(clicks)`,
          chunk.flat(),
        );
      }
    });
  }

  async count(code: string): Promise<number> {
    const [rows] = await this.pool.execute<RowDataPacket[]>('SELECT clicks FROM urlshortener_link_clicks WHERE code = ?', [code]);
    // BIGINT arrives as a string (no float on the way); a click total fits a double exactly.
    return rows[0] ? Number(rows[0].clicks) : 0;
  }
}
