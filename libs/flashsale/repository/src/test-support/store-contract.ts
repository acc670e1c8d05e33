import { generateItems, Order, saleOf, type OrderEvent, type PurchaseResult } from '@mosaic/flashsale-domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlashsaleAdapters } from '../create-flashsale-adapters';

export interface StoreBackend {
  readonly name: string;
  setUp(): Promise<FlashsaleAdapters>;
  tearDown(): Promise<void>;
}

const SALE = '2026120110';
const at = new Date(Date.UTC(2026, 11, 1, 10, 5));
const item = (index: number) => `${SALE}-${String(index).padStart(5, '0')}`;
let codes = 0;
const aCode = () => `code${String(++codes).padStart(18, '0')}`;
let ids = 1000;
const anId = () => String(++ids);
const stamp = () => ({ eventId: `ev-${anId()}`, at });

/** The store of record's promises (sales, baskets, the unit of work, the order read model), for every backend. */
export function storeContract(backend: StoreBackend): void {
  describe(`flash-sale store contract: ${backend.name}`, () => {
    let store: FlashsaleAdapters;
    beforeEach(async () => {
      store = await backend.setUp();
      await store.sales.create(saleOf(SALE, 40), generateItems(SALE, 40));
    });
    afterEach(() => backend.tearDown());

    it('creates a sale exactly once, however many creators race', async () => {
      const next = saleOf('2026120111', 1_500);
      const created = await Promise.all(Array.from({ length: 6 }, () => store.sales.create(next, generateItems(next.id, next.total))));
      expect(created.filter(Boolean)).toHaveLength(1);
      expect(await store.sales.find(next.id)).toEqual(next);
      expect(await store.sales.countSold(next.id)).toBe(0);
      const last = await store.sales.listItems(next.id, 1_490, 50);
      expect(last.map((i) => i.index)).toEqual([1_491, 1_492, 1_493, 1_494, 1_495, 1_496, 1_497, 1_498, 1_499]);
      expect(await store.sales.create(next, generateItems(next.id, next.total))).toBe(false);
    });

    it('lists items in order from a cursor', async () => {
      const page = await store.sales.listItems(SALE, 4, 3);
      expect(page).toEqual(generateItems(SALE, 40).slice(5, 8));
      expect(await store.sales.find('2026120109')).toBeUndefined();
    });

    it('keeps one open basket per user and sale, and records every attempt', async () => {
      const first = await store.checkouts.addToBasket({ saleId: SALE, userId: 'alice', itemId: item(1), newCode: aCode(), at });
      const second = await store.checkouts.addToBasket({ saleId: SALE, userId: 'alice', itemId: item(2), newCode: aCode(), at });
      const again = await store.checkouts.addToBasket({ saleId: SALE, userId: 'alice', itemId: item(1), newCode: aCode(), at });
      expect([second.code, again.code]).toEqual([first.code, first.code]);
      expect(again.items).toEqual([item(1), item(2)]);
      await store.checkouts.recordAttempt({ saleId: SALE, userId: 'alice', itemId: item(3), outcome: 'item_sold', code: null, at });
      const attempts = await store.checkouts.listAttempts(SALE, 'alice');
      expect(attempts.map((a) => [a.itemId, a.outcome, a.code])).toEqual([
        [item(1), 'added', first.code],
        [item(2), 'added', first.code],
        [item(1), 'added', first.code],
        [item(3), 'item_sold', null],
      ]);
      expect(await store.checkouts.findBasket(first.code)).toEqual({
        code: first.code,
        saleId: SALE,
        userId: 'alice',
        items: [item(1), item(2)],
        result: null,
      });
    });

    it('opens a single basket when one user checks out many items at once', async () => {
      const baskets = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.checkouts.addToBasket({ saleId: SALE, userId: 'bob', itemId: item(i), newCode: aCode(), at })),
      );
      expect(new Set(baskets.map((b) => b.code)).size).toBe(1);
      expect((await store.checkouts.findBasket(baskets[0]!.code))!.items).toHaveLength(8);
    });

    it('sells an item once (the conditional write) and counts a user up to the limit', async () => {
      const results = await Promise.all(['u1', 'u2', 'u3'].map((user) => store.unitOfWork.run((tx) => tx.sellItems([item(5)], user, anId()))));
      expect(results.flat()).toEqual([item(5)]);
      const quotas = await Promise.all(Array.from({ length: 6 }, () => store.unitOfWork.run((tx) => tx.takeQuota(SALE, 'carol', 1, 4))));
      expect(quotas.filter(Boolean)).toHaveLength(4);
      await store.unitOfWork.run((tx) => tx.returnQuota(SALE, 'carol', 1));
      expect(await store.unitOfWork.run((tx) => tx.takeQuota(SALE, 'carol', 1, 4))).toBe(1);
      expect(await store.sales.soldIndexes(SALE)).toEqual([5]);
      expect(await store.sales.countSold(SALE)).toBe(1);
    });

    it('sells several items in one call, only those still free, and counts several up to the limit', async () => {
      expect(await store.unitOfWork.run((tx) => tx.sellItems([item(13)], 'ivy', anId()))).toEqual([item(13)]);
      const many = [item(13), item(14), item(15), item(16)];
      const orderId = anId();
      expect(await store.unitOfWork.run((tx) => tx.sellItems(many, 'jack', orderId))).toEqual([item(14), item(15), item(16)]);
      expect(await store.unitOfWork.run((tx) => tx.sellItems(many, 'kim', anId()))).toEqual([]);
      expect(await store.sales.soldIndexes(SALE)).toEqual([13, 14, 15, 16]);
      // A first purchase, a returning one with room, one that passes the limit, one at it.
      const counted = [];
      for (const count of [3, 4, 5, 2]) counted.push(await store.unitOfWork.run((tx) => tx.takeQuota(SALE, 'jack', count, 10)));
      expect(counted).toEqual([3, 4, 3, 0]);
      const racing = await Promise.all(Array.from({ length: 5 }, () => store.unitOfWork.run((tx) => tx.takeQuota(SALE, 'lou', 3, 10))));
      expect(racing.reduce((sum, n) => sum + n, 0)).toBe(10);
    });

    it('closes a basket with its result, after which a checkout opens a new one', async () => {
      const basket = await store.checkouts.addToBasket({ saleId: SALE, userId: 'dave', itemId: item(7), newCode: aCode(), at });
      const result: PurchaseResult = { code: basket.code, bought: [item(7)], notBought: [], orderId: anId() };
      await store.unitOfWork.run(async (tx) => {
        expect((await tx.lockBasket(basket))!.result).toBeNull();
        await tx.sellItems([item(7)], 'dave', result.orderId!);
        await tx.closeBasket(basket.code, result);
      });
      expect((await store.checkouts.findBasket(basket.code))!.result).toEqual(result);
      const next = await store.checkouts.addToBasket({ saleId: SALE, userId: 'dave', itemId: item(8), newCode: aCode(), at });
      expect(next.code).not.toBe(basket.code);
      expect(await store.sales.claims(SALE)).toEqual(new Map([['dave', expect.arrayContaining([item(7), item(8)])]]));
    });

    it('writes nothing of a unit of work that throws', async () => {
      const basket = await store.checkouts.addToBasket({ saleId: SALE, userId: 'erin', itemId: item(9), newCode: aCode(), at });
      const order = Order.place({ orderId: anId(), userId: 'erin', saleId: SALE, code: basket.code, items: [item(9)] }, stamp());
      const pendingBefore = await store.outbox.countPending();
      await expect(
        store.unitOfWork.run(async (tx) => {
          await tx.sellItems([item(9)], 'erin', order.id);
          await tx.takeQuota(SALE, 'erin', 1, 10);
          await tx.appendOrderEvents(order.pending);
          await tx.closeBasket(basket.code, { code: basket.code, bought: [item(9)], notBought: [], orderId: order.id });
          throw new Error('crash before commit');
        }),
      ).rejects.toThrow('crash before commit');
      expect(await store.sales.soldIndexes(SALE)).toEqual([]);
      expect((await store.checkouts.findBasket(basket.code))!.result).toBeNull();
      expect(await store.orders.find(order.id)).toBeUndefined();
      expect(await store.orders.history(order.id)).toEqual([]);
      expect(await store.outbox.countPending()).toBe(pendingBefore);
      const quotas = await Promise.all(Array.from({ length: 11 }, () => store.unitOfWork.run((tx) => tx.takeQuota(SALE, 'erin', 1, 10))));
      expect(quotas.filter(Boolean)).toHaveLength(10);
    });

    it('keeps order streams with unique versions, the summary projected, and the events in the outbox', async () => {
      const order = Order.place({ orderId: anId(), userId: 'frank', saleId: SALE, code: aCode(), items: [item(11), item(12)] }, stamp());
      const pendingBefore = await store.outbox.countPending();
      await store.unitOfWork.run((tx) => tx.appendOrderEvents(order.pending));
      const stale = Order.replay(await store.unitOfWork.run((tx) => tx.loadOrder(order.id)))!;
      const fresh = Order.replay(await store.unitOfWork.run((tx) => tx.loadOrder(order.id)))!;
      fresh.apply('pay', stamp());
      await store.unitOfWork.run((tx) => tx.appendOrderEvents(fresh.pending));
      stale.apply('cancel', stamp());
      await expect(store.unitOfWork.run((tx) => tx.appendOrderEvents(stale.pending))).rejects.toMatchObject({ code: 'concurrent_modification' });

      const history: OrderEvent[] = await store.orders.history(order.id);
      expect(history.map((e) => [e.type, e.version])).toEqual([
        ['order.created', 1],
        ['order.paid', 2],
      ]);
      expect(history[0]).toEqual(order.pending[0]);
      expect(await store.orders.find(order.id)).toMatchObject({ orderId: order.id, userId: 'frank', status: 'paid', version: 2, items: [item(11), item(12)] });
      expect(await store.outbox.countPending()).toBe(pendingBefore + 2);
      const second = Order.place({ orderId: anId(), userId: 'frank', saleId: SALE, code: aCode(), items: [item(13)] }, stamp());
      await store.unitOfWork.run((tx) => tx.appendOrderEvents(second.pending));
      expect((await store.orders.listByUser('frank', 10)).map((s) => s.orderId)).toEqual([second.id, order.id]);
      expect(await store.orders.listByUser('nobody', 10)).toEqual([]);
    });

    it('gives an item back only from its buyer', async () => {
      await store.unitOfWork.run((tx) => tx.sellItems([item(20)], 'gina', anId()));
      expect(await store.unitOfWork.run((tx) => tx.releaseItem(item(20), 'hank'))).toBe(false);
      expect(await store.unitOfWork.run((tx) => tx.releaseItem(item(20), 'gina'))).toBe(true);
      expect(await store.sales.soldIndexes(SALE)).toEqual([]);
    });
  });
}
