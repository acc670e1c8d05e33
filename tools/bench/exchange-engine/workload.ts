import { BookOrder, OrderBook, Taker, matchTaker, type MatchListener } from '@mosaic/exchange-domain';

/**
 * The mixed order flow both engines run: a resting book around a mid price,
 * then limits (some crossing), market orders and cancels of live orders.
 * Generated up front into typed arrays from a seeded PRNG, so every run and
 * every engine sees exactly the same operations and generation is never timed.
 *
 * Cancels pick a random order that is still resting, as traders cancel their
 * live orders; the generator tracks liveness by playing the flow through a
 * book as it goes. The mix is steered so the book stays near its starting
 * size instead of growing without bound over the run.
 */

export const MID = 100_000;
export const OP_LIMIT = 0;
export const OP_MARKET = 1;
export const OP_CANCEL = 2;
export const BUY = 0;
export const SELL = 1;

export interface Workload {
  /** Operations [0, seeded) build the initial book; the rest is the measured mix. */
  seeded: number;
  length: number;
  kind: Uint8Array;
  side: Uint8Array;
  price: Float64Array;
  size: Float64Array;
  /** Order id created by a limit (its index + 1), or the id a cancel targets. */
  id: Float64Array;
}

export interface WorkloadShape {
  restingOrders: number;
  operations: number;
  /** Share of limit orders priced through the opposite best. */
  crossingShare: number;
  limitShare: number;
  marketShare: number;
}

/** xorshift32: small, fast, and the same sequence everywhere. */
export class Prng {
  constructor(private state: number) {}
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4_294_967_296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

/** Distance from the mid, denser near the top of the book. */
export function depthOffset(rng: Prng): number {
  const r = rng.next();
  return 1 + Math.floor(r * r * 400);
}

const ignoreFills: MatchListener = {
  trade: () => undefined,
  makerFilled: () => undefined,
  selfTradeCancelled: () => undefined,
};

export function generateWorkload(shape: WorkloadShape, seed = 20260101): Workload {
  const total = shape.restingOrders + shape.operations;
  const w: Workload = {
    seeded: shape.restingOrders,
    length: total,
    kind: new Uint8Array(total),
    side: new Uint8Array(total),
    price: new Float64Array(total),
    size: new Float64Array(total),
    id: new Float64Array(total),
  };
  const rng = new Prng(seed);
  const book = new OrderBook();
  const taker = new Taker();
  const live: number[] = [];
  const cancelShare = 1 - shape.limitShare - shape.marketShare;

  for (let i = 0; i < total; i++) {
    const seeding = i < shape.restingOrders;
    const side = rng.next() < 0.5 ? BUY : SELL;
    const sideName = side === BUY ? 'buy' : 'sell';
    const id = i + 1;
    w.side[i] = side;
    w.id[i] = id;
    // Lean towards cancels when the book is above its starting size, away when below.
    const pressure = Math.max(-0.15, Math.min(0.15, (book.index.size / shape.restingOrders - 1) * 0.5));
    const r = rng.next();
    if (seeding || r < shape.limitShare - pressure) {
      w.kind[i] = OP_LIMIT;
      const crossing = !seeding && rng.next() < shape.crossingShare;
      const offset = crossing ? -rng.int(0, 20) : depthOffset(rng);
      const price = side === BUY ? MID - offset : MID + offset;
      const size = rng.int(1, 100);
      w.price[i] = price;
      w.size[i] = size;
      matchTaker(book, taker.bySize(id, id, sideName, price, size, 'cancel_resting'), ignoreFills);
      if (taker.remaining > 0) {
        const order = new BookOrder(id, id, sideName, price, size, 0);
        order.remaining = taker.remaining;
        book.add(order);
        live.push(id);
      }
    } else if (r < shape.limitShare - pressure + shape.marketShare || live.length === 0 || cancelShare <= 0) {
      w.kind[i] = OP_MARKET;
      w.size[i] = rng.int(1, 150);
      matchTaker(book, taker.bySize(id, id, sideName, side === BUY ? Number.MAX_SAFE_INTEGER : 0, w.size[i], 'cancel_resting'), ignoreFills);
    } else {
      // A random live order; entries filled since they were listed are dropped on the way.
      let target: BookOrder | undefined;
      while (target === undefined && live.length > 0) {
        const slot = rng.int(0, live.length - 1);
        target = book.get(live[slot]);
        live[slot] = live[live.length - 1];
        live.pop();
      }
      if (target === undefined) {
        w.kind[i] = OP_MARKET;
        w.size[i] = rng.int(1, 150);
        matchTaker(book, taker.bySize(id, id, sideName, side === BUY ? Number.MAX_SAFE_INTEGER : 0, w.size[i], 'cancel_resting'), ignoreFills);
      } else {
        w.kind[i] = OP_CANCEL;
        w.id[i] = target.id;
        book.remove(target);
      }
    }
  }
  return w;
}
