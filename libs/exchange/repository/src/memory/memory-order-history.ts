import type { FillQuery, FillRow, HistoryChange, OrderHistoryStore, OrderQuery, OrderRow, TransferQuery, TransferRow } from '@mosaic/exchange-domain';
import { pageOf } from '../history/paging';

/** Order history in memory, for the embedded default (rebuilt from the journal at start) and tests. */
export class MemoryOrderHistory implements OrderHistoryStore {
  private seq = 0;
  private readonly byId = new Map<number, OrderRow>();
  private readonly ordersByUser = new Map<string, OrderRow[]>();
  private readonly fillsByUser = new Map<string, FillRow[]>();
  private readonly transfersByUser = new Map<string, TransferRow[]>();

  async lastSeq(): Promise<number> {
    return this.seq;
  }

  async apply(changes: readonly HistoryChange[]): Promise<void> {
    for (const change of changes) {
      if (change.seq <= this.seq) continue;
      for (const order of change.orders) {
        const existing = this.byId.get(order.id);
        if (existing === undefined) listOf(this.ordersByUser, order.userId).push(order);
        else Object.assign(existing, order);
        this.byId.set(order.id, existing ?? order);
      }
      for (const fill of change.fills) listOf(this.fillsByUser, fill.userId).push(fill);
      for (const transfer of change.transfers) listOf(this.transfersByUser, transfer.userId).push(transfer);
      this.seq = change.seq;
    }
  }

  dump(): HistoryChange {
    // Row lists are per user, so a user's rows keep their order; a row's copy keeps it from changing under the snapshot.
    const copy = <Row>(lists: Map<string, Row[]>): Row[] => [...lists.values()].flatMap((rows) => rows.map((row) => ({ ...row })));
    return { seq: this.seq, orders: copy(this.ordersByUser), fills: copy(this.fillsByUser), transfers: copy(this.transfersByUser) };
  }

  async order(id: number): Promise<OrderRow | undefined> {
    const row = this.byId.get(id);
    return row === undefined ? undefined : { ...row };
  }

  async orders(query: OrderQuery): Promise<OrderRow[]> {
    const rows = this.ordersByUser.get(query.userId) ?? [];
    return pageOf(
      rows,
      query,
      (row) =>
        (query.productId === undefined || row.productId === query.productId) &&
        (query.statuses === undefined || query.statuses.length === 0 || query.statuses.includes(row.status)),
    ).map((row) => ({ ...row }));
  }

  async fills(query: FillQuery): Promise<FillRow[]> {
    const rows = this.fillsByUser.get(query.userId) ?? [];
    return pageOf(
      rows,
      query,
      (row) => (query.productId === undefined || row.productId === query.productId) && (query.orderId === undefined || row.orderId === query.orderId),
    );
  }

  async transfers(query: TransferQuery): Promise<TransferRow[]> {
    const rows = this.transfersByUser.get(query.userId) ?? [];
    return pageOf(rows, query, (row) => row.currency === query.currency);
  }
}

function listOf<Row>(map: Map<string, Row[]>, userId: string): Row[] {
  let rows = map.get(userId);
  if (rows === undefined) {
    rows = [];
    map.set(userId, rows);
  }
  return rows;
}
