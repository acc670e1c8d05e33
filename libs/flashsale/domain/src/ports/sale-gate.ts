/** What the gate says about a checkout. */
export type ClaimOutcome = 'claimed' | 'item_sold' | 'limit_exceeded';

/**
 * The hot path's admission control, in Redis (or memory) with atomic scripts: which
 * items are sold or being bought, how many are sold, and what each user holds against
 * the limit. It is a fast filter in front of the store of record, never the truth —
 * the conditional writes in the store decide — and it is reconciled to the store on
 * start and periodically, so a crash between the two only costs a retry.
 */
export interface SaleGate {
  /** Claims the item for the user unless it is sold or the user already holds `limit` items; claiming a held item again is fine. */
  claim(saleId: string, userId: string, itemId: string, itemIndex: number, limit: number): Promise<ClaimOutcome>;
  /** Gives back claims of items the user will not get. */
  unclaim(saleId: string, userId: string, itemIds: readonly string[]): Promise<void>;
  /** Marks free items as being bought; per index, whether this call holds it now. */
  hold(saleId: string, indexes: readonly number[]): Promise<boolean[]>;
  /** Releases holds of items that were not bought. */
  unhold(saleId: string, indexes: readonly number[]): Promise<void>;
  /** Marks items sold (after the store sold them), counting each once. */
  markSold(saleId: string, indexes: readonly number[]): Promise<void>;
  /** Marks sold items free again (a cancelled order gave them back). */
  markFree(saleId: string, indexes: readonly number[]): Promise<void>;
  /**
   * Up to `limit` indexes of items neither sold nor being bought, a random sample of them,
   * so shoppers asking at once are spread over what is left.
   */
  freeIndexes(saleId: string, total: number, limit: number): Promise<number[]>;
  /** The sold counter. */
  soldCount(saleId: string): Promise<number>;
  /** Replaces item states and the counter with the store's truth; holds in flight are dropped (the store still decides). */
  reconcileItems(saleId: string, total: number, soldIndexes: readonly number[]): Promise<void>;
  /** Replaces the users' claims with the store's truth. */
  reconcileClaims(saleId: string, claims: ReadonlyMap<string, readonly string[]>): Promise<void>;
}
