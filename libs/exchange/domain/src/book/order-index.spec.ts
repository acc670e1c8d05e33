import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookOrder } from './book-order';
import { OrderIndex } from './order-index';

const order = (id: number) => new BookOrder(id, 0, 'buy', 1, 1, 0);

describe('OrderIndex', () => {
  it('finds, refuses duplicates of, and forgets orders by id', () => {
    const index = new OrderIndex();
    const a = order(7);
    expect(index.insert(a)).toBe(true);
    expect(index.insert(order(7))).toBe(false);
    expect(index.get(7)).toBe(a);
    expect(index.get(8)).toBeUndefined();
    expect(index.delete(7)).toBe(true);
    expect(index.delete(7)).toBe(false);
    expect(index.get(7)).toBeUndefined();
    expect(index.size).toBe(0);
  });

  it('handles ids beyond 32 bits', () => {
    const index = new OrderIndex();
    const ids = [2 ** 32, 2 ** 32 + 1, 2 ** 52 + 3, Number.MAX_SAFE_INTEGER, 1];
    for (const id of ids) index.insert(order(id));
    for (const id of ids) expect(index.get(id)?.id).toBe(id);
  });

  it('grows and stays correct through heavy churn', () => {
    const index = new OrderIndex(4);
    for (let id = 1; id <= 50_000; id++) {
      index.insert(order(id));
      if (id > 100) index.delete(id - 100);
    }
    expect(index.size).toBe(100);
    expect(index.get(49_901)?.id).toBe(49_901);
    expect(index.get(49_900)).toBeUndefined();
    expect([...index.orders()].map((o) => o.id).sort((x, y) => x - y)[0]).toBe(49_901);
  });

  it('behaves like a Map under random inserts and deletes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 300 })), { maxLength: 2_000 }), (operations) => {
        // A tiny table, so runs collide, wrap around the end and grow.
        const index = new OrderIndex(2);
        const model = new Map<number, BookOrder>();
        for (const [insert, id] of operations) {
          if (insert) {
            const o = order(id);
            expect(index.insert(o)).toBe(!model.has(id));
            if (!model.has(id)) model.set(id, o);
          } else {
            expect(index.delete(id)).toBe(model.delete(id));
          }
        }
        expect(index.size).toBe(model.size);
        for (let id = 1; id <= 300; id++) expect(index.get(id)).toBe(model.get(id));
      }),
      { numRuns: 100 },
    );
  });
});
