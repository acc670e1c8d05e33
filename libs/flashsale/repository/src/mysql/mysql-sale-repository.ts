import type { Sale, SaleItem, SaleRepository } from '@mosaic/flashsale-domain';
import { withTransaction } from '@mosaic/kit-db';
import type { Pool } from 'mysql2/promise';
import { safeLimit, type Rows, type Written } from './sql';

const BATCH = 1_000;

export class MysqlSaleRepository implements SaleRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * The sale row and its items in one transaction. A second creator's INSERT IGNORE
   * waits on the first one's key lock and then finds the row: it creates nothing, and
   * a creator that dies half-way leaves nothing, so there is exactly one whole sale.
   */
  create(sale: Sale, items: readonly SaleItem[]): Promise<boolean> {
    return withTransaction(this.pool, async (tx) => {
      const [inserted] = await tx.query<Written>('INSERT IGNORE INTO flashsale_sales (id, opens_at, closes_at, total) VALUES (?, ?, ?, ?)', [
        sale.id,
        sale.opensAt,
        sale.closesAt,
        sale.total,
      ]);
      if (inserted.affectedRows !== 1) return false;
      for (let start = 0; start < items.length; start += BATCH) {
        const batch = items.slice(start, start + BATCH);
        await tx.query(
          `INSERT INTO flashsale_items (id, sale_id, idx, name) VALUES ${batch.map(() => '(?, ?, ?, ?)').join(', ')}`,
          batch.flatMap((item) => [item.id, item.saleId, item.index, item.name]),
        );
      }
      return true;
    });
  }

  async find(id: string): Promise<Sale | undefined> {
    const [rows] = await this.pool.query<Rows>('SELECT id, opens_at, closes_at, total FROM flashsale_sales WHERE id = ?', [id]);
    const row = rows[0];
    return row && { id: row.id as string, opensAt: row.opens_at as Date, closesAt: row.closes_at as Date, total: Number(row.total) };
  }

  async listItems(saleId: string, afterIndex: number, limit: number): Promise<SaleItem[]> {
    const [rows] = await this.pool.query<Rows>(
      `SELECT id, sale_id, idx, name, sold_to FROM flashsale_items WHERE sale_id = ? AND idx > ? ORDER BY idx LIMIT ${safeLimit(limit)}`,
      [saleId, afterIndex],
    );
    return rows.map((row) => ({
      id: row.id as string,
      saleId: row.sale_id as string,
      index: Number(row.idx),
      name: row.name as string,
      soldTo: (row.sold_to as string | null) ?? null,
    }));
  }

  async countSold(saleId: string): Promise<number> {
    const [rows] = await this.pool.query<Rows>('SELECT COUNT(*) AS sold FROM flashsale_items WHERE sale_id = ? AND sold_to IS NOT NULL', [saleId]);
    return Number(rows[0]?.sold ?? 0);
  }

  async soldIndexes(saleId: string): Promise<number[]> {
    const [rows] = await this.pool.query<Rows>('SELECT idx FROM flashsale_items WHERE sale_id = ? AND sold_to IS NOT NULL', [saleId]);
    return rows.map((row) => Number(row.idx));
  }

  async claims(saleId: string): Promise<Map<string, string[]>> {
    const [rows] = await this.pool.query<Rows>(
      `SELECT b.user_id AS user_id, i.item_id AS item_id FROM flashsale_baskets b JOIN flashsale_basket_items i ON i.code = b.code
        WHERE b.sale_id = ? AND b.open_marker = 1
       UNION SELECT sold_to, id FROM flashsale_items WHERE sale_id = ? AND sold_to IS NOT NULL`,
      [saleId, saleId],
    );
    const claims = new Map<string, string[]>();
    for (const row of rows) {
      const list = claims.get(row.user_id as string) ?? [];
      if (!list.includes(row.item_id as string)) list.push(row.item_id as string);
      claims.set(row.user_id as string, list);
    }
    return claims;
  }
}
