import { describe, expect, it } from 'vitest';
import { EngineDriver, PLAIN, eventsOf } from '../test-support/engine-driver';

function twoMarkets(): EngineDriver {
  const driver = new EngineDriver();
  driver.list();
  driver.list({ ...PLAIN, id: 'CCC-BBB', baseCurrency: 'CCC' });
  driver.deposit('u', 'AAA', 100n);
  driver.deposit('u', 'BBB', 10_000n);
  driver.deposit('u', 'CCC', 100n);
  driver.deposit('v', 'BBB', 10_000n);
  return driver;
}

describe('cancelling', () => {
  it('takes one order off the book, releases its hold and reports the level', () => {
    const driver = twoMarkets();
    const placed = driver.limit('u', 'buy', 50, 4);
    driver.limit('v', 'buy', 50, 1);
    const result = driver.cancel('u', placed.seq);
    expect(result).toMatchObject({ accepted: true, orderId: placed.seq });
    expect(eventsOf(result, 'order_done')).toEqual([
      expect.objectContaining({ orderId: placed.seq, reason: 'cancelled', cancelReason: 'user', filledSize: 0, remainingSize: 4 }),
    ]);
    expect(eventsOf(result, 'book')).toEqual([{ type: 'book', productId: 'AAA-BBB', side: 'buy', price: 50, size: 1 }]);
    expect(eventsOf(result, 'balance')).toEqual([{ type: 'balance', userId: 'u', currency: 'BBB', available: 10_000n, hold: 0n }]);
    expect(driver.engine.order(placed.seq)).toBeUndefined();
  });

  it('releases only what a partly filled order still reserves', () => {
    const driver = twoMarkets();
    const placed = driver.limit('u', 'sell', 60, 10);
    driver.limit('v', 'buy', 60, 4);
    driver.cancel('u', placed.seq);
    expect(driver.engine.balance('u', 'AAA')).toEqual({ currency: 'AAA', available: 96n, hold: 0n });
    expect(driver.engine.balance('u', 'BBB').available).toBe(10_240n);
  });

  it('cannot cancel an order twice', () => {
    const driver = twoMarkets();
    const placed = driver.limit('u', 'buy', 50, 4);
    driver.cancel('u', placed.seq);
    expect(driver.cancel('u', placed.seq)).toMatchObject({ accepted: false, reason: 'order_not_found' });
  });

  it('cancels all of a user’s orders in one product, oldest first, and nothing else', () => {
    const driver = twoMarkets();
    const a = driver.limit('u', 'buy', 50, 1);
    const other = driver.limit('u', 'sell', 70, 1, {}, 'CCC-BBB');
    const b = driver.limit('u', 'sell', 80, 2);
    const c = driver.limit('u', 'buy', 49, 3);
    const theirs = driver.limit('v', 'buy', 48, 1);
    const result = driver.cancelAll('u', 'AAA-BBB');
    expect(eventsOf(result, 'order_done').map((event) => event.orderId)).toEqual([a.seq, b.seq, c.seq]);
    expect(driver.engine.openOrders('u').map((order) => order.orderId)).toEqual([other.seq]);
    expect(driver.engine.openOrders('v').map((order) => order.orderId)).toEqual([theirs.seq]);
    expect(driver.engine.balance('u', 'BBB')).toEqual({ currency: 'BBB', available: 10_000n, hold: 0n });
    expect(driver.engine.audit()).toEqual([]);
  });

  it('cancels all of a user’s orders everywhere when no product is given, and accepts when there are none', () => {
    const driver = twoMarkets();
    driver.limit('u', 'buy', 50, 1);
    driver.limit('u', 'sell', 70, 1, {}, 'CCC-BBB');
    expect(eventsOf(driver.cancelAll('u'), 'order_done')).toHaveLength(2);
    expect(driver.engine.openOrders('u')).toEqual([]);
    expect(driver.cancelAll('u')).toMatchObject({ accepted: true, events: [] });
    expect(driver.cancelAll('stranger')).toMatchObject({ accepted: true, events: [] });
  });
});
