import type {
  FillQuery,
  FillRow,
  HistoryChange,
  OrderHistoryStore,
  OrderQuery,
  OrderRow,
  PageQuery,
  TransferQuery,
  TransferRow,
} from '@mosaic/exchange-domain';
import { withTransaction, type MysqlPool } from '@mosaic/kit-db';
import type { RowDataPacket } from 'mysql2/promise';

const PROJECTION = 'history';
const ORDER_COLUMNS =
  'id, user_id, product_id, side, type, time_in_force, post_only, price, size, funds, filled_size, executed_value, fill_fees, status, done_reason, client_oid, created_at, seq';
const FILL_COLUMNS = 'id, trade_id, order_id, user_id, product_id, side, price, size, fee, liquidity, created_at, seq';
const TRANSFER_COLUMNS = 'id, user_id, currency, type, amount, created_at';
const MUTABLE_ORDER_COLUMNS = ['filled_size', 'executed_value', 'fill_fees', 'status', 'done_reason', 'seq'];

/**
 * Order history in MySQL. Each `apply` is one transaction that also moves the
 * projection's watermark, under a row lock: a change at or below it is skipped,
 * so replays and a second writer never double-count.
 */
export class MysqlOrderHistory implements OrderHistoryStore {
  constructor(private readonly pool: MysqlPool) {}

  async lastSeq(): Promise<number> {
    const [rows] = await this.pool.query<RowDataPacket[]>('SELECT last_seq FROM exchange_projection WHERE name = ?', [PROJECTION]);
    return rows.length === 0 ? 0 : Number(rows[0].last_seq);
  }

  async apply(changes: readonly HistoryChange[]): Promise<void> {
    if (changes.length === 0) return;
    await withTransaction(this.pool, async (tx) => {
      await tx.query('INSERT IGNORE INTO exchange_projection (name, last_seq) VALUES (?, 0)', [PROJECTION]);
      const [rows] = await tx.query<RowDataPacket[]>('SELECT last_seq FROM exchange_projection WHERE name = ? FOR UPDATE', [PROJECTION]);
      const watermark = Number(rows[0].last_seq);
      const fresh = changes.filter((change) => change.seq > watermark);
      if (fresh.length === 0) return;
      // The last state of each order within the batch is the one that counts.
      const orders = new Map<number, OrderRow>();
      for (const change of fresh) for (const order of change.orders) orders.set(order.id, order);
      if (orders.size > 0) {
        const values = [...orders.values()].map((o) => [
          o.id,
          o.userId,
          o.productId,
          o.side,
          o.type,
          o.timeInForce,
          o.postOnly ? 1 : 0,
          o.price,
          o.size,
          o.funds,
          o.filledSize,
          o.executedValue,
          o.fillFees,
          o.status,
          o.doneReason,
          o.clientOid,
          o.createdAt,
          o.seq,
        ]);
        const updates = MUTABLE_ORDER_COLUMNS.map((column) => `${column} = VALUES(${column})`).join(', ');
        await tx.query(`INSERT INTO exchange_orders (${ORDER_COLUMNS}) VALUES ? ON DUPLICATE KEY UPDATE ${updates}`, [values]);
      }
      const fills = fresh.flatMap((change) => change.fills);
      if (fills.length > 0) {
        const values = fills.map((f) => [f.id, f.tradeId, f.orderId, f.userId, f.productId, f.side, f.price, f.size, f.fee, f.liquidity, f.createdAt, f.seq]);
        await tx.query(`INSERT IGNORE INTO exchange_fills (${FILL_COLUMNS}) VALUES ?`, [values]);
      }
      const transfers = fresh.flatMap((change) => change.transfers);
      if (transfers.length > 0) {
        const values = transfers.map((t) => [t.id, t.userId, t.currency, t.type, t.amount, t.createdAt]);
        await tx.query(`INSERT IGNORE INTO exchange_transfers (${TRANSFER_COLUMNS}) VALUES ?`, [values]);
      }
      await tx.query('UPDATE exchange_projection SET last_seq = ? WHERE name = ?', [fresh[fresh.length - 1].seq, PROJECTION]);
    });
  }

  async order(id: number): Promise<OrderRow | undefined> {
    const [rows] = await this.pool.query<RowDataPacket[]>(`SELECT ${ORDER_COLUMNS} FROM exchange_orders WHERE id = ?`, [id]);
    return rows.length === 0 ? undefined : orderOf(rows[0]);
  }

  async orders(query: OrderQuery): Promise<OrderRow[]> {
    const where = ['user_id = ?'];
    const params: unknown[] = [query.userId];
    if (query.productId !== undefined) {
      where.push('product_id = ?');
      params.push(query.productId);
    }
    if (query.statuses !== undefined && query.statuses.length > 0) {
      where.push('status IN (?)');
      params.push(query.statuses);
    }
    return (await this.page('exchange_orders', ORDER_COLUMNS, where, params, query)).map(orderOf);
  }

  async fills(query: FillQuery): Promise<FillRow[]> {
    const where = ['user_id = ?'];
    const params: unknown[] = [query.userId];
    if (query.productId !== undefined) {
      where.push('product_id = ?');
      params.push(query.productId);
    }
    if (query.orderId !== undefined) {
      where.push('order_id = ?');
      params.push(query.orderId);
    }
    return (await this.page('exchange_fills', FILL_COLUMNS, where, params, query)).map(fillOf);
  }

  async transfers(query: TransferQuery): Promise<TransferRow[]> {
    const rows = await this.page('exchange_transfers', TRANSFER_COLUMNS, ['user_id = ?', 'currency = ?'], [query.userId, query.currency], query);
    return rows.map((r) => ({ id: Number(r.id), userId: r.user_id, currency: r.currency, type: r.type, amount: r.amount, createdAt: Number(r.created_at) }));
  }

  /** Newest first; `before` reads forward from the cursor and flips the page. */
  private async page(table: string, columns: string, where: string[], params: unknown[], query: PageQuery): Promise<RowDataPacket[]> {
    const clauses = [...where];
    const values = [...params];
    if (query.before !== undefined) {
      clauses.push('id > ?');
      values.push(query.before);
    } else if (query.after !== undefined) {
      clauses.push('id < ?');
      values.push(query.after);
    }
    const order = query.before !== undefined ? 'ASC' : 'DESC';
    const [rows] = await this.pool.query<RowDataPacket[]>(`SELECT ${columns} FROM ${table} WHERE ${clauses.join(' AND ')} ORDER BY id ${order} LIMIT ?`, [
      ...values,
      query.limit,
    ]);
    return query.before !== undefined ? rows.reverse() : rows;
  }
}

function orderOf(r: RowDataPacket): OrderRow {
  return {
    id: Number(r.id),
    userId: r.user_id,
    productId: r.product_id,
    side: r.side,
    type: r.type,
    timeInForce: r.time_in_force,
    postOnly: Number(r.post_only) === 1,
    price: r.price,
    size: r.size,
    funds: r.funds,
    filledSize: r.filled_size,
    executedValue: r.executed_value,
    fillFees: r.fill_fees,
    status: r.status,
    doneReason: r.done_reason,
    clientOid: r.client_oid,
    createdAt: Number(r.created_at),
    seq: Number(r.seq),
  };
}

function fillOf(r: RowDataPacket): FillRow {
  return {
    id: Number(r.id),
    tradeId: Number(r.trade_id),
    orderId: Number(r.order_id),
    userId: r.user_id,
    productId: r.product_id,
    side: r.side,
    price: r.price,
    size: r.size,
    fee: r.fee,
    liquidity: r.liquidity,
    createdAt: Number(r.created_at),
    seq: Number(r.seq),
  };
}
