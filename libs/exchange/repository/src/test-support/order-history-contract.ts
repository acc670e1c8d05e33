import type { FillRow, HistoryChange, OrderHistoryStore, OrderRow } from '@mosaic/exchange-domain';
import { describe, expect, it } from 'vitest';

let nextUser = 0;

function anOrder(id: number, userId: string, overrides: Partial<OrderRow> = {}): OrderRow {
  return {
    id,
    userId,
    productId: 'BTC-USDT',
    side: 'buy',
    type: 'limit',
    timeInForce: 'GTC',
    postOnly: false,
    price: '27000.5',
    size: '0.25',
    funds: '0',
    filledSize: '0',
    executedValue: '0',
    fillFees: '0',
    status: 'open',
    doneReason: null,
    clientOid: null,
    createdAt: 1_767_225_600_000 + id,
    seq: id,
    ...overrides,
  };
}

function aFill(tradeId: number, orderId: number, userId: string): FillRow {
  return {
    id: tradeId * 2 + 1,
    tradeId,
    orderId,
    userId,
    productId: 'BTC-USDT',
    side: 'buy',
    price: '27000.5',
    size: '0.1',
    fee: '0.0002',
    liquidity: 'T',
    createdAt: 1_767_225_600_000,
    seq: orderId,
  };
}

/** What every OrderHistoryStore backend must do; run once per backend, unchanged. */
export function describeOrderHistoryContract(name: string, open: () => Promise<OrderHistoryStore>): void {
  describe(`OrderHistoryStore contract: ${name}`, () => {
    const user = () => `user-${process.pid}-${++nextUser}-${Date.now()}`;

    it('keeps orders, fills and transfers as applied, the latest state of an order winning', async () => {
      const store = await open();
      const base = (await store.lastSeq()) + 1000;
      const alice = user();
      const placed = anOrder(base + 1, alice, { clientOid: 'c-1', postOnly: true });
      const filled = {
        ...placed,
        filledSize: '0.25',
        executedValue: '6750.125',
        fillFees: '0.0005',
        status: 'filled' as const,
        doneReason: 'filled',
        seq: base + 2,
      };
      const changes: HistoryChange[] = [
        {
          seq: base + 1,
          orders: [placed],
          fills: [],
          transfers: [{ id: base + 1, userId: alice, currency: 'USDT', type: 'deposit', amount: '100.5', createdAt: 1 }],
        },
        { seq: base + 2, orders: [filled], fills: [aFill(base, base + 1, alice)], transfers: [] },
      ];
      await store.apply(changes);
      expect(await store.lastSeq()).toBe(base + 2);
      expect(await store.order(base + 1)).toEqual(filled);
      expect(await store.orders({ userId: alice, limit: 10 })).toEqual([filled]);
      expect(await store.fills({ userId: alice, limit: 10 })).toEqual([aFill(base, base + 1, alice)]);
      expect(await store.transfers({ userId: alice, currency: 'USDT', limit: 10 })).toEqual([
        { id: base + 1, userId: alice, currency: 'USDT', type: 'deposit', amount: '100.5', createdAt: 1 },
      ]);
      expect(await store.order(base + 999)).toBeUndefined();
    });

    it('skips changes at or below its watermark, so a replay never double-counts', async () => {
      const store = await open();
      const base = (await store.lastSeq()) + 1000;
      const bob = user();
      const change: HistoryChange = { seq: base, orders: [anOrder(base, bob)], fills: [aFill(base, base, bob)], transfers: [] };
      await store.apply([change]);
      await store.apply([change, { ...change, orders: [anOrder(base, bob, { status: 'cancelled' })] }]);
      expect(await store.fills({ userId: bob, limit: 10 })).toHaveLength(1);
      expect((await store.order(base))?.status).toBe('open');
    });

    it('pages newest first with before / after cursors and filters by product and status', async () => {
      const store = await open();
      const base = (await store.lastSeq()) + 1000;
      const carol = user();
      const changes: HistoryChange[] = [1, 2, 3, 4, 5].map((i) => ({
        seq: base + i,
        orders: [anOrder(base + i, carol, { status: i === 3 ? 'cancelled' : 'open', productId: i === 5 ? 'ETH-USDT' : 'BTC-USDT' })],
        fills: [],
        transfers: [],
      }));
      await store.apply(changes);
      const ids = (rows: OrderRow[]) => rows.map((row) => row.id - base);
      expect(ids(await store.orders({ userId: carol, limit: 2 }))).toEqual([5, 4]);
      expect(ids(await store.orders({ userId: carol, limit: 2, after: base + 4 }))).toEqual([3, 2]);
      expect(ids(await store.orders({ userId: carol, limit: 2, before: base + 2 }))).toEqual([4, 3]);
      expect(ids(await store.orders({ userId: carol, limit: 10, productId: 'BTC-USDT', statuses: ['open'] }))).toEqual([4, 2, 1]);
      expect(ids(await store.orders({ userId: carol, limit: 10, statuses: ['open', 'cancelled'] }))).toEqual([5, 4, 3, 2, 1]);
      expect(await store.orders({ userId: user(), limit: 10 })).toEqual([]);
    });
  });
}
