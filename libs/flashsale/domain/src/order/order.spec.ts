import { describe, expect, it } from 'vitest';
import { Order, type OrderAction } from './order';
import { projectSummary, type OrderSummary } from './order-summary';

let next = 0;
const stamp = () => ({ eventId: `e${++next}`, at: new Date(Date.UTC(2026, 11, 1, 10, 0, next)) });
const placed = () => Order.place({ orderId: '7', userId: 'alice', saleId: '2026120110', code: 'c'.repeat(22), items: ['2026120110-00001'] }, stamp());

describe('Order', () => {
  it('records order.created at version 1 when placed', () => {
    const order = placed();
    expect([order.status, order.version]).toEqual(['created', 1]);
    expect(order.pending.map((event) => [event.type, event.version, event.aggregateId, event.recipients])).toEqual([['order.created', 1, '7', ['alice']]]);
  });

  it('moves created → paid → shipped, and created | paid → cancelled', () => {
    const paths: [OrderAction[], string][] = [
      [['pay', 'ship'], 'shipped'],
      [['cancel'], 'cancelled'],
      [['pay', 'cancel'], 'cancelled'],
    ];
    for (const [actions, status] of paths) {
      const order = placed();
      for (const action of actions) order.apply(action, stamp());
      expect([order.status, order.version]).toEqual([status, actions.length + 1]);
    }
  });

  it('refuses every other transition with invalid_order_transition and records nothing', () => {
    const refused: [OrderAction[], OrderAction][] = [
      [[], 'ship'],
      [['pay'], 'pay'],
      [['pay', 'ship'], 'cancel'],
      [['pay', 'ship'], 'pay'],
      [['cancel'], 'pay'],
      [['cancel'], 'cancel'],
    ];
    for (const [before, action] of refused) {
      const order = placed();
      for (const step of before) order.apply(step, stamp());
      const events = order.pending.length;
      expect(() => order.apply(action, stamp())).toThrow(expect.objectContaining({ code: 'invalid_order_transition', kind: 'conflict' }));
      expect(order.pending).toHaveLength(events);
      expect(order.can(action)).toBe(false);
    }
  });

  it('is rebuilt by replaying its stream', () => {
    const order = placed();
    order.apply('pay', stamp());
    const replayed = Order.replay(order.pending)!;
    expect([replayed.id, replayed.userId, replayed.items, replayed.status, replayed.version, replayed.pending]).toEqual([
      '7',
      'alice',
      ['2026120110-00001'],
      'paid',
      2,
      [],
    ]);
    replayed.apply('ship', stamp());
    expect(replayed.pending.map((event) => event.version)).toEqual([3]);
    expect(Order.replay([])).toBeUndefined();
    expect(() => Order.replay(order.pending.slice(1))).toThrow(/order.created/);
  });
});

describe('order_summary projection', () => {
  it('follows the stream and ignores events it already reflects', () => {
    const order = placed();
    order.apply('pay', stamp());
    order.apply('ship', stamp());
    const [created, paid, shipped] = order.pending;
    let summary: OrderSummary | undefined;
    for (const event of [created!, paid!, paid!, created!, shipped!, paid!]) summary = projectSummary(summary, event);
    expect(summary).toMatchObject({ orderId: '7', userId: 'alice', status: 'shipped', version: 3, items: ['2026120110-00001'] });
    expect(projectSummary(undefined, paid!)).toBeUndefined();
  });
});
