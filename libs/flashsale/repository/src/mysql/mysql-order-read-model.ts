import type { OrderEvent, OrderReadModel, OrderSummary } from '@mosaic/flashsale-domain';
import type { Pool } from 'mysql2/promise';
import { eventOf, summaryOf } from './order-rows';
import { safeLimit, type Rows } from './sql';

const COLUMNS = 'order_id, user_id, sale_id, code, items, status, version, created_at, updated_at';

export class MysqlOrderReadModel implements OrderReadModel {
  constructor(private readonly pool: Pool) {}

  async listByUser(userId: string, limit: number): Promise<OrderSummary[]> {
    const [rows] = await this.pool.query<Rows>(
      `SELECT ${COLUMNS} FROM flashsale_order_summary WHERE user_id = ? ORDER BY order_id DESC LIMIT ${safeLimit(limit)}`,
      [userId],
    );
    return rows.map(summaryOf);
  }

  async find(orderId: string): Promise<OrderSummary | undefined> {
    const [rows] = await this.pool.query<Rows>(`SELECT ${COLUMNS} FROM flashsale_order_summary WHERE order_id = ?`, [orderId]);
    return rows[0] && summaryOf(rows[0]);
  }

  async history(orderId: string): Promise<OrderEvent[]> {
    const [rows] = await this.pool.query<Rows>('SELECT payload FROM flashsale_order_events WHERE order_id = ? ORDER BY version', [orderId]);
    return rows.map(eventOf);
  }
}
