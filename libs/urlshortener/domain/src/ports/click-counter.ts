/**
 * Stored click totals. The redirect never calls it: clicks are buffered in memory
 * and added here in batches, so a slow or unavailable counter never slows a redirect.
 */
export interface ClickCounter {
  /** Adds every delta to its code's total, all or nothing. */
  add(deltas: ReadonlyMap<string, number>): Promise<void>;
  /** The stored total; 0 for a code never counted. */
  count(code: string): Promise<number>;
}
