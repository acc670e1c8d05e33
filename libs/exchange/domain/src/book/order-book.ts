import type { BookOrder, Side } from './book-order';
import { BookSide } from './book-side';
import { OrderIndex } from './order-index';

export interface DepthLevel {
  price: number;
  size: number;
  orders: number;
}

export interface Depth {
  bids: DepthLevel[];
  asks: DepthLevel[];
}

/**
 * Both sides of one product, plus the order-id index that makes cancel O(1).
 * Several books may share one index (the engine does, since order ids are
 * unique across products); each order remembers its book.
 */
export class OrderBook {
  readonly bids = new BookSide('buy');
  readonly asks = new BookSide('sell');

  constructor(
    readonly index: OrderIndex = new OrderIndex(),
    /** The product this book trades, for whoever holds an order and needs its market. */
    readonly productId = '',
  ) {}

  /** The side an order of `side` rests on. */
  own(side: Side): BookSide {
    return side === 'buy' ? this.bids : this.asks;
  }

  /** The side an order of `side` trades against. */
  opposite(side: Side): BookSide {
    return side === 'buy' ? this.asks : this.bids;
  }

  /** Rests an order at the back of its price level. */
  add(order: BookOrder): void {
    if (!this.index.insert(order)) throw new Error(`order ${order.id} is already on a book`);
    this.own(order.side).levelFor(order.price).append(order);
    order.book = this;
  }

  get(id: number): BookOrder | undefined {
    const order = this.index.get(id);
    return order !== undefined && order.book === this ? order : undefined;
  }

  /** Takes an order off the book; its level goes too once empty. */
  remove(order: BookOrder): void {
    const level = order.level;
    if (level === null || order.book !== this) throw new Error(`order ${order.id} is not on this book`);
    level.unlink(order);
    if (level.count === 0) this.own(order.side).removeLevel(level);
    this.index.delete(order.id);
    order.book = null;
  }

  bestBid(): number | undefined {
    return this.bids.best()?.price;
  }

  bestAsk(): number | undefined {
    return this.asks.best()?.price;
  }

  /** Up to `levels` levels per side, best first. */
  depth(levels = Number.MAX_SAFE_INTEGER): Depth {
    return { bids: depthOf(this.bids, levels), asks: depthOf(this.asks, levels) };
  }

  /** Orders of one side in priority order: best level first, FIFO within a level. */
  *ordersOf(side: Side): IterableIterator<BookOrder> {
    const levels = this.own(side).levels;
    for (let i = levels.length - 1; i >= 0; i--) {
      for (let order = levels[i].head; order !== null; order = order.next) yield order;
    }
  }
}

function depthOf(side: BookSide, limit: number): DepthLevel[] {
  const out: DepthLevel[] = [];
  const levels = side.levels;
  for (let i = levels.length - 1; i >= 0 && out.length < limit; i--) {
    const level = levels[i];
    out.push({ price: level.price, size: level.size, orders: level.count });
  }
  return out;
}
