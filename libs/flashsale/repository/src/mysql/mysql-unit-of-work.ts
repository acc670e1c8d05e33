import {
  concurrentModification,
  type Basket,
  type FlashsaleTransaction,
  type FlashsaleUnitOfWork,
  type OrderEvent,
  type PurchaseResult,
} from '@mosaic/flashsale-domain';
import { isDuplicateEntryError, withTransaction } from '@mosaic/kit-db';
import { MysqlOutboxWriter } from '@mosaic/kit-outbox';
import type { Pool } from 'mysql2/promise';
import { basketOf } from './mysql-checkout-store';
import { eventOf } from './order-rows';
import type { Rows, Sql, Written } from './sql';

const outbox = new MysqlOutboxWriter('flashsale_outbox');

/**
 * One MySQL transaction per unit of work, at READ COMMITTED (reads after a lock wait see
 * the latest commit; searches take no gap locks). Deadlocks and lock wait timeouts roll
 * back and run `work` again.
 */
export class MysqlUnitOfWork implements FlashsaleUnitOfWork {
  constructor(
    private readonly pool: Pool,
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  async run<T>(work: (tx: FlashsaleTransaction) => Promise<T>): Promise<T> {
    const result = await withTransaction(this.pool, (connection) => work(new MysqlTransaction(connection)), { isolationLevel: 'READ COMMITTED', retries: 5 });
    this.afterCommit();
    return result;
  }
}

class MysqlTransaction implements FlashsaleTransaction {
  constructor(private readonly sql: Sql) {}

  /**
   * Through the (sale, user, open) key, as the checkout procedure locks it: both take
   * that index record before the row, so a checkout during its user's purchase waits
   * rather than deadlocks (the purchase rewrites the key when it closes the basket).
   */
  lockBasket(basket: Pick<Basket, 'code' | 'saleId' | 'userId'>) {
    return basketOf(this.sql, basket.code, { saleId: basket.saleId, userId: basket.userId });
  }

  async closeBasket(code: string, result: PurchaseResult): Promise<void> {
    await this.sql.query('UPDATE flashsale_baskets SET result = ?, open_marker = NULL WHERE code = ?', [JSON.stringify(result), code]);
  }

  /**
   * One conditional UPDATE for all of them (locking in id order, as every purchase does);
   * only when some were taken already does a second statement say which this one sold.
   */
  async sellItems(itemIds: readonly string[], userId: string, orderId: string): Promise<string[]> {
    if (itemIds.length === 0) return [];
    const [written] = await this.sql.query<Written>('UPDATE flashsale_items SET sold_to = ?, order_id = ? WHERE id IN (?) AND sold_to IS NULL', [
      userId,
      orderId,
      itemIds,
    ]);
    if (written.affectedRows === itemIds.length) return [...itemIds];
    if (written.affectedRows === 0) return [];
    const [rows] = await this.sql.query<Rows>('SELECT id FROM flashsale_items WHERE id IN (?) AND order_id = ?', [itemIds, orderId]);
    const sold = new Set(rows.map((row) => row.id as string));
    return itemIds.filter((id) => sold.has(id));
  }

  async releaseItem(itemId: string, userId: string): Promise<boolean> {
    const [written] = await this.sql.query<Written>('UPDATE flashsale_items SET sold_to = NULL, order_id = NULL WHERE id = ? AND sold_to = ?', [
      itemId,
      userId,
    ]);
    return written.affectedRows === 1;
  }

  /**
   * A returning buyer with room: one UPDATE. A first purchase: the row is inserted with
   * the count. Only a buyer who would pass the limit costs a locking read and an UPDATE.
   */
  async takeQuota(saleId: string, userId: string, count: number, limit: number): Promise<number> {
    if (count <= 0) return 0;
    const [fits] = await this.sql.query<Written>('UPDATE flashsale_quotas SET bought = bought + ? WHERE sale_id = ? AND user_id = ? AND bought + ? <= ?', [
      count,
      saleId,
      userId,
      count,
      limit,
    ]);
    if (fits.affectedRows === 1) return count;
    const first = Math.min(count, limit);
    const [inserted] = await this.sql.query<Written>('INSERT IGNORE INTO flashsale_quotas (sale_id, user_id, bought) VALUES (?, ?, ?)', [
      saleId,
      userId,
      first,
    ]);
    if (inserted.affectedRows === 1) return first;
    const [rows] = await this.sql.query<Rows>('SELECT bought FROM flashsale_quotas WHERE sale_id = ? AND user_id = ? FOR UPDATE', [saleId, userId]);
    const counted = Math.max(0, Math.min(count, limit - Number(rows[0]?.bought ?? limit)));
    if (counted > 0) await this.sql.query('UPDATE flashsale_quotas SET bought = bought + ? WHERE sale_id = ? AND user_id = ?', [counted, saleId, userId]);
    return counted;
  }

  async returnQuota(saleId: string, userId: string, count: number): Promise<void> {
    if (count > 0)
      await this.sql.query('UPDATE flashsale_quotas SET bought = GREATEST(bought - ?, 0) WHERE sale_id = ? AND user_id = ?', [count, saleId, userId]);
  }

  async loadOrder(orderId: string): Promise<OrderEvent[]> {
    const [rows] = await this.sql.query<Rows>('SELECT payload FROM flashsale_order_events WHERE order_id = ? ORDER BY version', [orderId]);
    return rows.map(eventOf);
  }

  async appendOrderEvents(events: readonly OrderEvent[]): Promise<void> {
    for (const event of events) {
      try {
        await this.sql.query('INSERT INTO flashsale_order_events (order_id, version, event_id, type, payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?)', [
          event.aggregateId,
          event.version,
          event.id,
          event.type,
          JSON.stringify({ ...event, occurredAt: event.occurredAt.toISOString() }),
          event.occurredAt,
        ]);
      } catch (error) {
        if (isDuplicateEntryError(error)) throw concurrentModification(event.aggregateId);
        throw error;
      }
      await this.project(event);
    }
    await outbox.add(this.sql, events);
  }

  /** The `order_summary` projection, idempotent by version like the domain's. */
  private async project(event: OrderEvent): Promise<void> {
    if (event.type === 'order.created') {
      const data = event.data as { userId: string; saleId: string; code: string; items: string[] };
      await this.sql.query(
        'INSERT IGNORE INTO flashsale_order_summary (order_id, user_id, sale_id, code, items, status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [event.aggregateId, data.userId, data.saleId, data.code, JSON.stringify(data.items), 'created', event.version, event.occurredAt, event.occurredAt],
      );
      return;
    }
    await this.sql.query('UPDATE flashsale_order_summary SET status = ?, version = ?, updated_at = ? WHERE order_id = ? AND version < ?', [
      (event.data as { to: string }).to,
      event.version,
      event.occurredAt,
      event.aggregateId,
      event.version,
    ]);
  }
}
