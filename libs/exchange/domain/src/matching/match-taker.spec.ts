import { describe, expect, it } from 'vitest';
import { BookOrder, type Side } from '../book/book-order';
import { OrderBook } from '../book/order-book';
import { canFillCompletely, matchTaker, type MatchListener } from './match-taker';
import { Taker } from './taker';

let nextId = 1;
function rest(book: OrderBook, side: Side, price: number, size: number, owner: number): BookOrder {
  const order = new BookOrder(nextId++, owner, side, price, size, 0);
  book.add(order);
  return order;
}

class Recorder implements MatchListener {
  readonly log: string[] = [];
  trade(maker: BookOrder, _taker: Taker, lots: number, price: number): void {
    this.log.push(`trade ${maker.id} ${lots}@${price}`);
  }
  makerFilled(maker: BookOrder): void {
    this.log.push(`filled ${maker.id}`);
  }
  selfTradeCancelled(maker: BookOrder): void {
    this.log.push(`stp ${maker.id}`);
  }
}

describe('matchTaker', () => {
  it('walks price levels best first and FIFO within a level, at the makers’ prices', () => {
    const book = new OrderBook();
    const a = rest(book, 'sell', 11, 2, 1);
    const b = rest(book, 'sell', 10, 2, 2);
    const c = rest(book, 'sell', 10, 2, 3);
    const recorder = new Recorder();
    const taker = new Taker().bySize(100, 9, 'buy', 11, 5, 'cancel_resting');
    matchTaker(book, taker, recorder);
    expect(recorder.log).toEqual([`trade ${b.id} 2@10`, `filled ${b.id}`, `trade ${c.id} 2@10`, `filled ${c.id}`, `trade ${a.id} 1@11`]);
    expect(taker).toMatchObject({ remaining: 0, end: 'filled' });
    expect(book.depth().asks).toEqual([{ price: 11, size: 1, orders: 1 }]);
  });

  it('stops at the limit price and reports the taker unmatched', () => {
    const book = new OrderBook();
    rest(book, 'buy', 9, 5, 1);
    const taker = new Taker().bySize(100, 9, 'sell', 10, 3, 'cancel_resting');
    matchTaker(book, taker, new Recorder());
    expect(taker).toMatchObject({ remaining: 3, end: 'unmatched' });
  });

  it('spends funds level by level in whole lots', () => {
    const book = new OrderBook();
    rest(book, 'sell', 10, 3, 1);
    rest(book, 'sell', 20, 3, 2);
    const taker = new Taker().byFunds(100, 9, 75, 1, 'cancel_resting');
    const recorder = new Recorder();
    matchTaker(book, taker, recorder);
    expect(recorder.log.filter((line) => line.startsWith('trade')).map((line) => line.split(' ')[2])).toEqual(['3@10', '2@20']);
    expect(taker).toMatchObject({ funds: 5, end: 'filled' });
  });

  it('applies each self-trade rule when the taker meets its owner’s order', () => {
    for (const [stp, log, left] of [
      ['cancel_resting', ['stp 1', 'trade 2 1@10'], 0],
      ['cancel_taker', [], 2],
      ['cancel_both', ['stp 1'], 1],
    ] as const) {
      const book = new OrderBook();
      const own = new BookOrder(1, 7, 'sell', 10, 1, 0);
      const other = new BookOrder(2, 8, 'sell', 10, 1, 0);
      book.add(own);
      book.add(other);
      const recorder = new Recorder();
      matchTaker(book, new Taker().bySize(100, 7, 'buy', 10, 1, stp), recorder);
      expect(recorder.log.filter((line) => !line.startsWith('filled'))).toEqual(log);
      expect([...book.ordersOf('sell')]).toHaveLength(left);
    }
  });
});

describe('canFillCompletely', () => {
  const book = new OrderBook();
  rest(book, 'sell', 10, 2, 1);
  rest(book, 'sell', 10, 2, 2);
  rest(book, 'sell', 12, 2, 3);

  it.each([
    ['within the limit', 12, 6, 9, 'cancel_resting', true],
    ['beyond the volume', 12, 7, 9, 'cancel_resting', false],
    ['beyond the limit', 11, 5, 9, 'cancel_resting', false],
    ['skipping own orders that would be cancelled', 12, 4, 2, 'cancel_resting', true],
    ['minus own orders that would be cancelled', 12, 5, 2, 'cancel_resting', false],
    ['stopping at the first own order', 12, 3, 2, 'cancel_taker', false],
  ] as const)('decides %s', (_name, limit, size, owner, stp, expected) => {
    expect(canFillCompletely(book, new Taker().bySize(100, owner, 'buy', limit, size, stp))).toBe(expected);
  });
});
