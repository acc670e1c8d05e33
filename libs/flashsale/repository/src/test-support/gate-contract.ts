import type { SaleGate } from '@mosaic/flashsale-domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface GateBackend {
  readonly name: string;
  setUp(): Promise<SaleGate>;
  tearDown(): Promise<void>;
}

const SALE = '2026120110';
const item = (index: number) => `${SALE}-${String(index).padStart(5, '0')}`;

/** The gate's promises, for the memory cache and Redis alike. */
export function gateContract(backend: GateBackend): void {
  describe(`sale gate contract: ${backend.name}`, () => {
    let gate: SaleGate;
    beforeEach(async () => {
      gate = await backend.setUp();
      await gate.reconcileItems(SALE, 100, []);
    });
    afterEach(() => backend.tearDown());

    it('claims up to the limit per user, the same item once, and never a sold one', async () => {
      expect(await gate.claim(SALE, 'alice', item(1), 1, 2)).toBe('claimed');
      expect(await gate.claim(SALE, 'alice', item(1), 1, 2)).toBe('claimed');
      expect(await gate.claim(SALE, 'alice', item(2), 2, 2)).toBe('claimed');
      expect(await gate.claim(SALE, 'alice', item(3), 3, 2)).toBe('limit_exceeded');
      await gate.unclaim(SALE, 'alice', [item(2)]);
      expect(await gate.claim(SALE, 'alice', item(3), 3, 2)).toBe('claimed');
      await gate.markSold(SALE, [4]);
      expect(await gate.claim(SALE, 'bob', item(4), 4, 10)).toBe('item_sold');
    });

    it('lets one user claim exactly the limit however many claims race', async () => {
      const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => gate.claim(SALE, 'carol', item(i), i, 10)));
      expect(outcomes.filter((o) => o === 'claimed')).toHaveLength(10);
      expect(outcomes.filter((o) => o === 'limit_exceeded')).toHaveLength(30);
    });

    it('holds a free item for one purchase at a time', async () => {
      const holds = await Promise.all(Array.from({ length: 5 }, () => gate.hold(SALE, [7, 8])));
      expect(holds.filter((h) => h[0]).length).toBe(1);
      expect(holds.filter((h) => h[1]).length).toBe(1);
      await gate.unhold(SALE, [7]);
      expect(await gate.hold(SALE, [7, 8, 9])).toEqual([true, false, true]);
    });

    it('counts each sold item once, and a freed one back', async () => {
      await gate.hold(SALE, [1, 2]);
      await gate.markSold(SALE, [1, 2]);
      await gate.markSold(SALE, [2, 3]);
      expect(await gate.soldCount(SALE)).toBe(3);
      expect(await gate.hold(SALE, [1])).toEqual([false]);
      await gate.markFree(SALE, [1, 50]);
      expect(await gate.soldCount(SALE)).toBe(2);
      expect(await gate.hold(SALE, [1])).toEqual([true]);
      await gate.unhold(SALE, [2]);
      expect(await gate.soldCount(SALE)).toBe(2);
    });

    it('is replaced by the truth when reconciled', async () => {
      await gate.hold(SALE, [10, 11]);
      await gate.markSold(SALE, [12]);
      await gate.reconcileItems(SALE, 100, [11, 99]);
      expect(await gate.soldCount(SALE)).toBe(2);
      expect(await gate.hold(SALE, [10, 11, 12, 99])).toEqual([true, false, true, false]);
      await gate.reconcileClaims(SALE, new Map([['dana', [item(1), item(2)]]]));
      expect(await gate.claim(SALE, 'dana', item(3), 3, 2)).toBe('limit_exceeded');
    });

    it('reports as free a sample of the items neither sold nor held', async () => {
      await gate.reconcileItems(SALE, 6, [0, 2]);
      await gate.hold(SALE, [3]);
      const answers = await Promise.all(Array.from({ length: 8 }, () => gate.freeIndexes(SALE, 6, 10)));
      for (const free of answers) expect([...free].sort()).toEqual([1, 4, 5]);
      expect(await gate.freeIndexes(SALE, 6, 2)).toHaveLength(2);
      await gate.markSold(SALE, [1, 4, 5]);
      expect(await gate.freeIndexes(SALE, 6, 10)).toEqual([]);
    });

    it('treats a sale it never saw as all free', async () => {
      expect(await gate.soldCount('2026120111')).toBe(0);
      expect(await gate.hold('2026120111', [3])).toEqual([true]);
      expect(await gate.claim('2026120111', 'erin', '2026120111-00003', 3, 10)).toBe('claimed');
    });
  });
}
