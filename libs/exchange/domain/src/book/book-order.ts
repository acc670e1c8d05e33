import type { Amount } from '../assets/amounts';
import type { OrderBook } from './order-book';
import type { PriceLevel } from './price-level';

export type Side = 'buy' | 'sell';

/**
 * A resting order, and its node in two intrusive lists: the FIFO of its price
 * level and its owner's open orders. Intrusive links make insert and cancel O(1)
 * without allocating list cells, which matters on the hot path.
 */
export class BookOrder {
  prev: BookOrder | null = null;
  next: BookOrder | null = null;
  /** The level the order rests on, or last rested on. */
  level: PriceLevel | null = null;
  /** The book the order rests on; null once it has left. */
  book: OrderBook | null = null;
  ownerPrev: BookOrder | null = null;
  ownerNext: BookOrder | null = null;
  /** Lots still open. */
  remaining: number;
  /** Quote minor units traded so far (an engine amount, see assets/amounts.ts). */
  executedValue: Amount = 0;
  /** Fees charged so far, in the currency this order receives. */
  fees: Amount = 0;

  constructor(
    readonly id: number,
    /** The owner's account index; equality is what self-trade prevention checks. */
    readonly owner: number,
    readonly side: Side,
    /** Limit price in ticks. */
    readonly price: number,
    /** Original size in lots. */
    readonly size: number,
    readonly time: number,
    readonly ref: string | undefined = undefined,
  ) {
    this.remaining = size;
  }

  get filled(): number {
    return this.size - this.remaining;
  }
}
