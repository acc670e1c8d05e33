import { beforeEach, describe, expect, it } from 'vitest';
import { BTC_USDT, EngineDriver, PLAIN, eventsOf, tradesOf } from '../test-support/engine-driver';
import type { CommandResult, OrderDoneEvent } from '../events/exchange-events';

const FUNDS = 1_000_000n;

/**
 * The book every scenario starts from (prices in ticks = quote units, sizes in lots = base units):
 *   asks  102 × 5 (m2, id 9)   101 × 5 (m1, id 8)
 *   bids   99 × 5 (m1, id 10)   98 × 5 (m2, id 11)
 */
function seededBook(): EngineDriver {
  const driver = new EngineDriver();
  driver.list();
  for (const user of ['m1', 'm2', 't']) {
    driver.deposit(user, 'AAA', FUNDS);
    driver.deposit(user, 'BBB', FUNDS);
  }
  driver.limit('m1', 'sell', 101, 5);
  driver.limit('m2', 'sell', 102, 5);
  driver.limit('m1', 'buy', 99, 5);
  driver.limit('m2', 'buy', 98, 5);
  return driver;
}

function done(result: CommandResult): OrderDoneEvent | undefined {
  return eventsOf(result, 'order_done').find((event) => event.orderId === result.seq);
}

describe('placing orders, one scenario per order type', () => {
  let driver: EngineDriver;
  beforeEach(() => {
    driver = seededBook();
  });

  it.each([
    {
      name: 'limit GTC that does not cross rests on the book',
      place: (d: EngineDriver) => d.limit('t', 'buy', 100, 3),
      trades: [],
      done: undefined,
      bids: [
        [100, 3],
        [99, 5],
        [98, 5],
      ],
      asks: [
        [101, 5],
        [102, 5],
      ],
      t: { AAA: [FUNDS, 0n], BBB: [FUNDS - 300n, 300n] },
    },
    {
      name: 'limit GTC that crosses fills at the makers’ prices, best first, and releases the unused hold',
      place: (d: EngineDriver) => d.limit('t', 'buy', 102, 7),
      trades: [
        [8, 101, 5],
        [9, 102, 2],
      ],
      done: { reason: 'filled', cancelReason: null, filledSize: 7, executedValue: 709n },
      bids: [
        [99, 5],
        [98, 5],
      ],
      asks: [[102, 3]],
      t: { AAA: [FUNDS + 7n, 0n], BBB: [FUNDS - 709n, 0n] },
    },
    {
      name: 'limit GTC larger than the book fills what it can and rests the rest',
      place: (d: EngineDriver) => d.limit('t', 'buy', 102, 12),
      trades: [
        [8, 101, 5],
        [9, 102, 5],
      ],
      done: undefined,
      bids: [
        [102, 2],
        [99, 5],
        [98, 5],
      ],
      asks: [],
      t: { AAA: [FUNDS + 10n, 0n], BBB: [FUNDS - 1015n - 204n, 204n] },
    },
    {
      name: 'limit IOC fills what it can and cancels the rest',
      place: (d: EngineDriver) => d.limit('t', 'buy', 102, 12, { timeInForce: 'IOC' }),
      trades: [
        [8, 101, 5],
        [9, 102, 5],
      ],
      done: { reason: 'cancelled', cancelReason: 'not_filled', filledSize: 10, remainingSize: 2, executedValue: 1015n },
      bids: [
        [99, 5],
        [98, 5],
      ],
      asks: [],
      t: { AAA: [FUNDS + 10n, 0n], BBB: [FUNDS - 1015n, 0n] },
    },
    {
      name: 'limit IOC that cannot trade at its limit is cancelled untouched',
      place: (d: EngineDriver) => d.limit('t', 'buy', 100, 3, { timeInForce: 'IOC' }),
      trades: [],
      done: { reason: 'cancelled', cancelReason: 'not_filled', filledSize: 0, remainingSize: 3 },
      bids: [
        [99, 5],
        [98, 5],
      ],
      asks: [
        [101, 5],
        [102, 5],
      ],
      t: { AAA: [FUNDS, 0n], BBB: [FUNDS, 0n] },
    },
    {
      name: 'limit FOK that the book can fill fills completely',
      place: (d: EngineDriver) => d.limit('t', 'buy', 102, 10, { timeInForce: 'FOK' }),
      trades: [
        [8, 101, 5],
        [9, 102, 5],
      ],
      done: { reason: 'filled', filledSize: 10, executedValue: 1015n },
      bids: [
        [99, 5],
        [98, 5],
      ],
      asks: [],
      t: { AAA: [FUNDS + 10n, 0n], BBB: [FUNDS - 1015n, 0n] },
    },
    {
      name: 'post-only that would not take rests as a maker',
      place: (d: EngineDriver) => d.limit('t', 'sell', 100, 4, { postOnly: true }),
      trades: [],
      done: undefined,
      bids: [
        [99, 5],
        [98, 5],
      ],
      asks: [
        [100, 4],
        [101, 5],
        [102, 5],
      ],
      t: { AAA: [FUNDS - 4n, 4n], BBB: [FUNDS, 0n] },
    },
    {
      name: 'market sell by size walks the bids',
      place: (d: EngineDriver) => d.marketSell('t', 7),
      trades: [
        [10, 99, 5],
        [11, 98, 2],
      ],
      done: { reason: 'filled', filledSize: 7, executedValue: 691n },
      bids: [[98, 3]],
      asks: [
        [101, 5],
        [102, 5],
      ],
      t: { AAA: [FUNDS - 7n, 0n], BBB: [FUNDS + 691n, 0n] },
    },
    {
      name: 'market sell larger than the bids cancels what found no buyer',
      place: (d: EngineDriver) => d.marketSell('t', 20),
      trades: [
        [10, 99, 5],
        [11, 98, 5],
      ],
      done: { reason: 'cancelled', cancelReason: 'not_filled', filledSize: 10, remainingSize: 10, executedValue: 985n },
      bids: [],
      asks: [
        [101, 5],
        [102, 5],
      ],
      t: { AAA: [FUNDS - 10n, 0n], BBB: [FUNDS + 985n, 0n] },
    },
    {
      name: 'market buy by funds buys whole lots until the funds run short and returns the change',
      place: (d: EngineDriver) => d.marketBuy('t', 800n),
      trades: [
        [8, 101, 5],
        [9, 102, 2],
      ],
      done: { reason: 'filled', filledSize: 7, executedValue: 709n },
      bids: [
        [99, 5],
        [98, 5],
      ],
      asks: [[102, 3]],
      t: { AAA: [FUNDS + 7n, 0n], BBB: [FUNDS - 709n, 0n] },
    },
    {
      name: 'market buy by funds too small for one lot buys nothing and returns the funds',
      place: (d: EngineDriver) => d.marketBuy('t', 100n),
      trades: [],
      done: { reason: 'cancelled', cancelReason: 'not_filled', filledSize: 0, executedValue: 0n },
      bids: [
        [99, 5],
        [98, 5],
      ],
      asks: [
        [101, 5],
        [102, 5],
      ],
      t: { AAA: [FUNDS, 0n], BBB: [FUNDS, 0n] },
    },
    {
      name: 'market buy by funds larger than the asks cancels the unspent funds',
      place: (d: EngineDriver) => d.marketBuy('t', 5000n),
      trades: [
        [8, 101, 5],
        [9, 102, 5],
      ],
      done: { reason: 'cancelled', cancelReason: 'not_filled', filledSize: 10, executedValue: 1015n },
      bids: [
        [99, 5],
        [98, 5],
      ],
      asks: [],
      t: { AAA: [FUNDS + 10n, 0n], BBB: [FUNDS - 1015n, 0n] },
    },
  ])('$name', ({ place, trades, done: expectedDone, bids, asks, t }) => {
    const result = place(driver);
    expect(result.accepted).toBe(true);
    expect(tradesOf(result)).toEqual(trades);
    if (expectedDone === undefined) {
      expect(done(result)).toBeUndefined();
      expect(eventsOf(result, 'order_open').map((event) => event.orderId)).toEqual([result.seq]);
    } else {
      expect(done(result)).toMatchObject(expectedDone);
    }
    const depth = driver.engine.depth('AAA-BBB');
    expect(depth?.bids.map((level) => [level.price, level.size])).toEqual(bids);
    expect(depth?.asks.map((level) => [level.price, level.size])).toEqual(asks);
    for (const [currency, [available, hold]] of Object.entries(t)) {
      expect(driver.engine.balance('t', currency)).toEqual({ currency, available, hold });
    }
    expect(driver.engine.audit()).toEqual([]);
  });
});

describe('priority and reporting', () => {
  it('fills orders at one price in arrival order', () => {
    const driver = seededBook();
    const later = driver.limit('m2', 'sell', 101, 5);
    const result = driver.limit('t', 'buy', 101, 7);
    expect(tradesOf(result)).toEqual([
      [8, 101, 5],
      [later.seq, 101, 2],
    ]);
    expect(driver.engine.order(later.seq)?.remainingSize).toBe(3);
  });

  it('reports the makers it fills as done, each balance once, and each touched level with its final size', () => {
    const driver = seededBook();
    const result = driver.limit('t', 'buy', 102, 7);
    expect(eventsOf(result, 'order_done').map((event) => [event.orderId, event.reason])).toEqual([
      [8, 'filled'],
      [result.seq, 'filled'],
    ]);
    const balances = eventsOf(result, 'balance').map((event) => `${event.userId}:${event.currency}`);
    expect(balances).toHaveLength(new Set(balances).size);
    expect(new Set(balances)).toEqual(new Set(['t:BBB', 't:AAA', 'm1:AAA', 'm1:BBB', 'm2:AAA', 'm2:BBB']));
    expect(eventsOf(result, 'book').map((event) => [event.side, event.price, event.size])).toEqual([
      ['sell', 101, 0],
      ['sell', 102, 3],
    ]);
    expect(result.events[0]).toMatchObject({ type: 'order_received', orderId: result.seq, price: 102, size: 7 });
  });

  it('numbers trades consecutively across commands', () => {
    const driver = seededBook();
    const first = driver.limit('t', 'buy', 101, 2);
    const second = driver.marketSell('t', 6);
    expect([...eventsOf(first, 'trade'), ...eventsOf(second, 'trade')].map((trade) => trade.tradeId)).toEqual([1, 2, 3]);
  });
});

describe('self-trade prevention', () => {
  it('cancels the resting order of the same user by default and keeps matching', () => {
    const driver = seededBook();
    const result = driver.limit('m1', 'buy', 102, 7);
    expect(tradesOf(result)).toEqual([[9, 102, 5]]);
    expect(eventsOf(result, 'order_done')).toContainEqual(expect.objectContaining({ orderId: 8, reason: 'cancelled', cancelReason: 'self_trade' }));
    expect(driver.engine.depth('AAA-BBB')?.bids[0]).toMatchObject({ price: 102, size: 2 });
    expect(driver.engine.audit()).toEqual([]);
  });

  it('cancel_taker stops the incoming order and leaves the resting one', () => {
    const driver = seededBook();
    const result = driver.limit('m1', 'buy', 102, 7, { stp: 'cancel_taker' });
    expect(tradesOf(result)).toEqual([]);
    expect(done(result)).toMatchObject({ reason: 'cancelled', cancelReason: 'self_trade', filledSize: 0 });
    expect(driver.engine.order(8)?.remainingSize).toBe(5);
    expect(driver.engine.balance('m1', 'BBB')).toEqual({ currency: 'BBB', available: FUNDS - 495n, hold: 495n });
  });

  it('cancel_both cancels the resting order and stops the incoming one', () => {
    const driver = seededBook();
    const result = driver.limit('m1', 'buy', 102, 7, { stp: 'cancel_both' });
    expect(tradesOf(result)).toEqual([]);
    expect(driver.engine.order(8)).toBeUndefined();
    expect(done(result)).toMatchObject({ reason: 'cancelled', cancelReason: 'self_trade' });
    expect(driver.engine.audit()).toEqual([]);
  });

  it('fill-or-kill does not count the user’s own orders as liquidity', () => {
    const driver = seededBook();
    const result = driver.limit('m1', 'buy', 102, 6, { timeInForce: 'FOK' });
    expect(result).toMatchObject({ accepted: false, reason: 'fok_not_fillable' });
    expect(driver.engine.order(8)?.remainingSize).toBe(5);
  });
});

describe('fees', () => {
  it('charges maker and taker rates in the currency each side receives, into the fee account', () => {
    const driver = new EngineDriver();
    driver.list({ ...PLAIN, makerFee: '0.01', takerFee: '0.02' });
    driver.deposit('maker', 'AAA', 1_000n);
    driver.deposit('taker', 'BBB', 100_000n);
    driver.limit('maker', 'sell', 100, 500);
    const result = driver.limit('taker', 'buy', 100, 500);
    const [trade] = eventsOf(result, 'trade');
    expect(trade).toMatchObject({ quoteAmount: 50_000n, makerFee: 500n, takerFee: 10n });
    expect(driver.engine.balance('taker', 'AAA').available).toBe(490n);
    expect(driver.engine.balance('maker', 'BBB').available).toBe(49_500n);
    const fees = Object.fromEntries(driver.engine.currencies().map((c) => [c.code, c.fees]));
    expect(fees).toEqual({ AAA: 10n, BBB: 500n });
    expect(driver.engine.audit()).toEqual([]);
  });

  it('trades a realistic market exactly in minor units', () => {
    const driver = new EngineDriver();
    driver.list(BTC_USDT);
    const product = driver.engine.product('BTC-USDT')!;
    driver.deposit('alice', 'BTC', 100_000_000n);
    driver.deposit('bob', 'USDT', 100_000_000_000n);
    driver.limit('alice', 'sell', product.priceToTicks('60000.01'), product.sizeToLots('0.25'), {}, 'BTC-USDT');
    const result = driver.limit('bob', 'buy', product.priceToTicks('60001'), product.sizeToLots('0.1'), {}, 'BTC-USDT');
    const [trade] = eventsOf(result, 'trade');
    expect(trade.quoteAmount).toBe(6_000_001_000n);
    expect(trade.takerFee).toBe(20_000n);
    expect(trade.makerFee).toBe(6_000_001n);
    expect(driver.engine.balance('bob', 'BTC').available).toBe(10_000_000n - 20_000n);
    expect(driver.engine.balance('bob', 'USDT')).toEqual({ currency: 'USDT', available: 100_000_000_000n - 6_000_001_000n, hold: 0n });
    expect(driver.engine.audit()).toEqual([]);
  });
});
