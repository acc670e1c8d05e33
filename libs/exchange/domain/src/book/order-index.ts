import type { BookOrder } from './book-order';

const EMPTY = 0;

/**
 * Resting orders by id: an open-addressing hash table (linear probing) keyed by
 * positive safe integers, since order ids are sequence numbers. It does what a
 * Map<number, …> would, with one probe sequence per insert instead of has() +
 * set(). Deletion shifts the rest of the probe run back instead of leaving
 * tombstones, so heavy place/cancel churn never degrades lookups or forces
 * rebuilds; the table only rebuilds to grow.
 */
export class OrderIndex {
  private keys: Float64Array;
  private values: (BookOrder | null)[];
  private mask: number;
  private shift: number;
  private count = 0;

  constructor(capacity = 1024) {
    const size = powerOfTwoAtLeast(Math.max(8, capacity * 2));
    this.keys = new Float64Array(size);
    this.values = new Array<BookOrder | null>(size).fill(null);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
  }

  get size(): number {
    return this.count;
  }

  get(id: number): BookOrder | undefined {
    // 0 marks an empty slot, so it (and anything that is not an id) is never found.
    if (!(id > 0)) return undefined;
    const keys = this.keys;
    let slot = this.home(id);
    for (;;) {
      const key = keys[slot];
      if (key === EMPTY) return undefined;
      if (key === id) return this.values[slot] as BookOrder;
      slot = (slot + 1) & this.mask;
    }
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** Adds the order under its id; false (and no change) if the id is already present. */
  insert(order: BookOrder): boolean {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const id = order.id;
    const keys = this.keys;
    let slot = this.home(id);
    for (;;) {
      const key = keys[slot];
      if (key === id) return false;
      if (key === EMPTY) break;
      slot = (slot + 1) & this.mask;
    }
    keys[slot] = id;
    this.values[slot] = order;
    this.count += 1;
    return true;
  }

  delete(id: number): boolean {
    const keys = this.keys;
    const values = this.values;
    const mask = this.mask;
    let hole = this.home(id);
    for (;;) {
      const key = keys[hole];
      if (key === id) break;
      if (key === EMPTY) return false;
      hole = (hole + 1) & mask;
    }
    // Walk the rest of the run: an entry whose home is not cyclically in
    // (hole, slot] would become unreachable behind the hole, so it moves into it.
    let slot = hole;
    for (;;) {
      slot = (slot + 1) & mask;
      const key = keys[slot];
      if (key === EMPTY) break;
      const home = this.home(key);
      const stays = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
      if (!stays) {
        keys[hole] = key;
        values[hole] = values[slot];
        hole = slot;
      }
    }
    keys[hole] = EMPTY;
    values[hole] = null;
    this.count -= 1;
    return true;
  }

  /** Every order, in no particular order. */
  *orders(): IterableIterator<BookOrder> {
    for (const value of this.values) if (value !== null) yield value;
  }

  /** Fibonacci hashing of the id's low and high words, taking the top bits. */
  private home(id: number): number {
    const mixed = Math.imul((id | 0) ^ Math.imul((id / 4_294_967_296) | 0, 0x85ebca6b), 0x9e3779b1);
    return mixed >>> this.shift;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const size = oldKeys.length * 2;
    this.keys = new Float64Array(size);
    this.values = new Array<BookOrder | null>(size).fill(null);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
    this.count = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const value = oldValues[i];
      if (value !== null) this.insert(value);
    }
  }
}

function powerOfTwoAtLeast(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}
