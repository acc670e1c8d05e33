import type { Side } from './book-order';
import { PriceLevel } from './price-level';

/**
 * The levels of one side, kept in a sorted array with the best price at the end:
 * taking the best level, and dropping it once emptied, are O(1) array operations,
 * and the rare new level away from the top costs a binary search and a short
 * memmove. A Map gives O(1) access to a level by price.
 */
export class BookSide {
  /** Sorted so that the best level is last: ascending prices for bids, descending for asks. */
  readonly levels: PriceLevel[] = [];
  private readonly byPrice = new Map<number, PriceLevel>();
  /** +1 for bids, -1 for asks: `dir × price` increases towards the best level. */
  private readonly dir: number;

  constructor(readonly side: Side) {
    this.dir = side === 'buy' ? 1 : -1;
  }

  get depth(): number {
    return this.levels.length;
  }

  best(): PriceLevel | undefined {
    const levels = this.levels;
    return levels.length === 0 ? undefined : levels[levels.length - 1];
  }

  level(price: number): PriceLevel | undefined {
    return this.byPrice.get(price);
  }

  levelFor(price: number): PriceLevel {
    const existing = this.byPrice.get(price);
    if (existing !== undefined) return existing;
    const level = new PriceLevel(this.side, price);
    const levels = this.levels;
    const key = this.dir * price;
    const last = levels.length - 1;
    if (last < 0 || this.dir * levels[last].price < key) levels.push(level);
    else levels.splice(this.insertionIndex(key), 0, level);
    this.byPrice.set(price, level);
    return level;
  }

  removeLevel(level: PriceLevel): void {
    const levels = this.levels;
    const last = levels.length - 1;
    if (levels[last] === level) levels.pop();
    else levels.splice(this.insertionIndex(this.dir * level.price), 1);
    this.byPrice.delete(level.price);
  }

  /** First index whose key is ≥ `key`. */
  private insertionIndex(key: number): number {
    const levels = this.levels;
    const dir = this.dir;
    let low = 0;
    let high = levels.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (dir * levels[mid].price < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
