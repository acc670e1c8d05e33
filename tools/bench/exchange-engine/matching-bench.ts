import { BookOrder, OrderBook, Taker, matchTaker, type MatchListener } from '@mosaic/exchange-domain';
import { OrderBook as ReferenceBook, Side } from 'nodejs-order-book';
import { BUY, OP_CANCEL, OP_LIMIT, type Workload } from './workload';

export interface MatchingOutcome {
  seconds: number;
  operations: number;
  traded: number;
  /** Orders resting at the end, where the engine can tell. */
  resting?: number;
  /** Final book as [price, size] per level, best first. */
  bids: [number, number][];
  asks: [number, number][];
}

interface Fill {
  makerId: number;
  price: number;
  size: number;
}

/** Collects each execution, the way nodejs-order-book reports the orders it touched. */
class FillCollector implements MatchListener {
  fills: Fill[] = [];
  trade(maker: BookOrder, _taker: Taker, lots: number, price: number): void {
    this.fills.push({ makerId: maker.id, price, size: lots });
  }
  makerFilled(): void {
    // Reported through the fill above.
  }
  selfTradeCancelled(): void {
    // Owners are distinct in this workload; self-trade prevention never fires.
  }
}

/** Mosaic's book and matcher: each order has its own owner, so the self-trade check runs but never fires. */
export function runMosaic(w: Workload): MatchingOutcome {
  const book = new OrderBook();
  const taker = new Taker();
  const collector = new FillCollector();
  const apply = (i: number): number => {
    const side = w.side[i] === BUY ? 'buy' : 'sell';
    const id = w.id[i];
    const kind = w.kind[i];
    if (kind === OP_CANCEL) {
      const order = book.get(id);
      if (order !== undefined) book.remove(order);
      return 0;
    }
    collector.fills = [];
    const size = w.size[i];
    if (kind === OP_LIMIT) {
      const price = w.price[i];
      taker.bySize(id, id, side, price, size, 'cancel_resting');
      matchTaker(book, taker, collector);
      if (taker.remaining > 0) {
        const order = new BookOrder(id, id, side, price, size, 0);
        order.remaining = taker.remaining;
        book.add(order);
      }
    } else {
      taker.bySize(id, id, side, side === 'buy' ? Number.MAX_SAFE_INTEGER : 0, size, 'cancel_resting');
      matchTaker(book, taker, collector);
    }
    return size - taker.remaining;
  };
  for (let i = 0; i < w.seeded; i++) apply(i);
  let traded = 0;
  const start = process.hrtime.bigint();
  for (let i = w.seeded; i < w.length; i++) traded += apply(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const depth = book.depth();
  return {
    seconds,
    operations: w.length - w.seeded,
    traded,
    resting: book.index.size,
    bids: depth.bids.map((level) => [level.price, level.size]),
    asks: depth.asks.map((level) => [level.price, level.size]),
  };
}

/** nodejs-order-book through its documented API: limit(), market(), cancel(). Ids are strings there, prepared outside the timing. */
export function runReference(w: Workload, ids: string[]): MatchingOutcome {
  const book = new ReferenceBook();
  const apply = (i: number): number => {
    const side = w.side[i] === BUY ? Side.BUY : Side.SELL;
    const kind = w.kind[i];
    const id = ids[w.id[i]];
    if (kind === OP_CANCEL) {
      book.cancel(id);
      return 0;
    }
    const size = w.size[i];
    const response = kind === OP_LIMIT ? book.limit({ id, side, size, price: w.price[i] }) : book.market({ side, size });
    return size - response.quantityLeft;
  };
  for (let i = 0; i < w.seeded; i++) apply(i);
  let traded = 0;
  const start = process.hrtime.bigint();
  for (let i = w.seeded; i < w.length; i++) traded += apply(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const [asks, bids] = book.depth();
  return { seconds, operations: w.length - w.seeded, traded, bids, asks };
}

export function referenceIds(w: Workload): string[] {
  const ids = new Array<string>(w.length + 1);
  for (let i = 0; i <= w.length; i++) ids[i] = `o${i}`;
  return ids;
}

/** Whether both engines ended in the same place: same traded volume, same levels. */
export function sameOutcome(a: MatchingOutcome, b: MatchingOutcome): boolean {
  return a.traded === b.traded && JSON.stringify([a.bids, a.asks]) === JSON.stringify([b.bids, b.asks]);
}
