import type { ClaimOutcome, SaleGate } from '@mosaic/flashsale-domain';
import type { Cache } from '@mosaic/kit-cache';
import { claimScript, holdScript, markFreeScript, markSoldScript, reconcileItemsScript, unclaimScript, unholdScript } from './gate-scripts';
import { charAt, csv, HELD, SOLD } from './item-states';

/** Gate keys outlive their sale's hour, then Redis forgets them. */
const KEY_TTL_MS = 3 * 60 * 60 * 1000;

/**
 * The sale gate on kit-cache: Redis in production (one round trip per operation, each
 * a Lua script), the memory cache on the embedded default — the same scripts.
 */
export class CacheSaleGate implements SaleGate {
  constructor(private readonly cache: Cache) {}

  claim(saleId: string, userId: string, itemId: string, itemIndex: number, limit: number): Promise<ClaimOutcome> {
    return this.cache.run(
      claimScript,
      { states: statesKey(saleId), claims: claimsKey(saleId, userId) },
      { index: itemIndex, item: itemId, limit, ttlMs: KEY_TTL_MS },
    );
  }

  async unclaim(saleId: string, userId: string, itemIds: readonly string[]): Promise<void> {
    if (itemIds.length === 0) return;
    await this.cache.run(unclaimScript, { claims: claimsKey(saleId, userId) }, { items: csv(itemIds), ttlMs: KEY_TTL_MS });
  }

  async hold(saleId: string, indexes: readonly number[]): Promise<boolean[]> {
    if (indexes.length === 0) return [];
    return this.cache.run(holdScript, { states: statesKey(saleId) }, { indexes: csv(indexes) });
  }

  async unhold(saleId: string, indexes: readonly number[]): Promise<void> {
    if (indexes.length > 0) await this.cache.run(unholdScript, { states: statesKey(saleId), sold: soldKey(saleId) }, { indexes: csv(indexes) });
  }

  async markSold(saleId: string, indexes: readonly number[]): Promise<void> {
    if (indexes.length > 0) await this.cache.run(markSoldScript, { states: statesKey(saleId), sold: soldKey(saleId) }, { indexes: csv(indexes) });
  }

  async markFree(saleId: string, indexes: readonly number[]): Promise<void> {
    if (indexes.length > 0) await this.cache.run(markFreeScript, { states: statesKey(saleId), sold: soldKey(saleId) }, { indexes: csv(indexes) });
  }

  async freeIndexes(saleId: string, total: number, limit: number): Promise<number[]> {
    // One read of the states (a byte per item): cheaper than any scan of the store.
    const states = await this.cache.get(statesKey(saleId));
    // A uniform sample (reservoir sampling), so shoppers asking at once rarely get the same items.
    const sample: number[] = [];
    let seen = 0;
    for (let index = 0; index < total; index++) {
      const state = charAt(states, index);
      if (state === SOLD || state === HELD) continue;
      seen++;
      if (sample.length < limit) sample.push(index);
      else {
        const slot = Math.floor(Math.random() * seen);
        if (slot < limit) sample[slot] = index;
      }
    }
    return sample;
  }

  async soldCount(saleId: string): Promise<number> {
    return Number((await this.cache.get(soldKey(saleId))) ?? 0);
  }

  async reconcileItems(saleId: string, total: number, soldIndexes: readonly number[]): Promise<void> {
    await this.cache.run(reconcileItemsScript, { states: statesKey(saleId), sold: soldKey(saleId) }, { total, sold: csv(soldIndexes), ttlMs: KEY_TTL_MS });
  }

  async reconcileClaims(saleId: string, claims: ReadonlyMap<string, readonly string[]>): Promise<void> {
    for (const [userId, items] of claims) await this.cache.set(claimsKey(saleId, userId), csv(items), { ttlMs: KEY_TTL_MS });
  }
}

const statesKey = (saleId: string) => `sale:${saleId}:items`;
const soldKey = (saleId: string) => `sale:${saleId}:sold`;
const claimsKey = (saleId: string, userId: string) => `sale:${saleId}:claims:${userId}`;
