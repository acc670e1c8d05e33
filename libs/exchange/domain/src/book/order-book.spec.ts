import { describe, expect, it } from 'vitest';
import { BookOrder, type Side } from './book-order';
import { OrderBook } from './order-book';
import { OrderIndex } from './order-index';

let nextId = 1;
function order(side: Side, price: number, size: number, owner = 0): BookOrder {
  return new BookOrder(nextId++, owner, side, price, size, 0);
}

describe('OrderBook', () => {
  it('keeps levels best first on each side whatever the arrival order', () => {
    const book = new OrderBook();
    for (const price of [100, 97, 99, 98, 101]) book.add(order('buy', price, 1));
    for (const price of [105, 103, 107, 104]) book.add(order('sell', price, 1));
    const depth = book.depth();
    expect(depth.bids.map((level) => level.price)).toEqual([101, 100, 99, 98, 97]);
    expect(depth.asks.map((level) => level.price)).toEqual([103, 104, 105, 107]);
    expect(book.bestBid()).toBe(101);
    expect(book.bestAsk()).toBe(103);
  });

  it('aggregates a level and keeps its orders in arrival order', () => {
    const book = new OrderBook();
    const first = order('sell', 10, 3);
    const second = order('sell', 10, 4);
    const third = order('sell', 10, 5);
    [first, second, third].forEach((o) => book.add(o));
    expect(book.depth().asks).toEqual([{ price: 10, size: 12, orders: 3 }]);
    expect([...book.ordersOf('sell')]).toEqual([first, second, third]);
  });

  it('cancels from the middle, head and tail of a level by id', () => {
    const book = new OrderBook();
    const orders = [order('buy', 10, 1), order('buy', 10, 2), order('buy', 10, 3), order('buy', 10, 4)];
    orders.forEach((o) => book.add(o));
    for (const victim of [orders[1], orders[0], orders[3]]) book.remove(book.get(victim.id)!);
    expect([...book.ordersOf('buy')]).toEqual([orders[2]]);
    expect(book.depth().bids).toEqual([{ price: 10, size: 3, orders: 1 }]);
    expect(book.get(orders[0].id)).toBeUndefined();
  });

  it('drops a level once its last order leaves, wherever the level is', () => {
    const book = new OrderBook();
    const orders = [100, 99, 98, 97].map((price) => order('buy', price, 1));
    orders.forEach((o) => book.add(o));
    book.remove(orders[2]);
    book.remove(orders[0]);
    expect(book.depth().bids.map((level) => level.price)).toEqual([99, 97]);
    book.add(order('buy', 98, 1));
    expect(book.depth().bids.map((level) => level.price)).toEqual([99, 98, 97]);
  });

  it('shares one id index between books but answers only for its own orders', () => {
    const index = new OrderIndex();
    const a = new OrderBook(index, 'A');
    const b = new OrderBook(index, 'B');
    const inA = order('buy', 1, 1);
    a.add(inA);
    expect(index.get(inA.id)).toBe(inA);
    expect(b.get(inA.id)).toBeUndefined();
    expect(() => b.remove(inA)).toThrow(/not on this book/);
    expect(() => b.add(inA)).toThrow(/already on a book/);
  });

  it('limits depth to the requested number of levels', () => {
    const book = new OrderBook();
    for (let price = 1; price <= 10; price++) book.add(order('sell', price, price));
    expect(book.depth(3).asks).toEqual([
      { price: 1, size: 1, orders: 1 },
      { price: 2, size: 2, orders: 1 },
      { price: 3, size: 3, orders: 1 },
    ]);
  });
});
