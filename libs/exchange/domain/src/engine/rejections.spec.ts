import { describe, expect, it } from 'vitest';
import type { ExchangeCommand } from '../commands/commands';
import { EngineDriver, PLAIN } from '../test-support/engine-driver';
import type { RejectReason } from '../errors/exchange-errors';

/**
 * A book with one resting order each way and funded users:
 *   alice: ask 101 × 5 (order 5); bob: bid 99 × 5 (order 6).
 */
function seeded(): EngineDriver {
  const driver = new EngineDriver();
  driver.list({ ...PLAIN, minSize: '2', maxSize: '1000', minFunds: '10', maxFunds: '10000' });
  driver.deposit('alice', 'AAA', 100n);
  driver.deposit('bob', 'BBB', 10_000n);
  driver.deposit('carol', 'BBB', 50n);
  driver.limit('alice', 'sell', 101, 5);
  driver.limit('bob', 'buy', 99, 5);
  return driver;
}

const order = (fields: Partial<Extract<ExchangeCommand, { type: 'place_order' }>>): ExchangeCommand => ({
  type: 'place_order',
  userId: 'bob',
  productId: 'AAA-BBB',
  side: 'buy',
  orderType: 'limit',
  price: 100,
  size: 2,
  ...fields,
});

describe('every rejection reason leaves the state untouched', () => {
  it.each<[string, ExchangeCommand, RejectReason]>([
    ['an order in an unknown product', order({ productId: 'NOPE-X' }), 'unknown_product'],
    ['a size below the minimum', order({ size: 1 }), 'size_too_small'],
    ['a size above the maximum', order({ size: 1001 }), 'size_too_large'],
    ['a market sell below the minimum size', order({ side: 'sell', orderType: 'market', price: undefined, size: 1, userId: 'alice' }), 'size_too_small'],
    ['market funds below the minimum', order({ orderType: 'market', price: undefined, size: undefined, funds: 9n }), 'funds_too_small'],
    ['market funds above the maximum', order({ orderType: 'market', price: undefined, size: undefined, funds: 10_001n }), 'funds_too_large'],
    ['a buy beyond the available quote', order({ userId: 'carol', price: 30, size: 2 }), 'insufficient_funds'],
    ['a sell beyond the available base', order({ userId: 'alice', side: 'sell', price: 200, size: 96 }), 'insufficient_funds'],
    [
      'a market buy beyond the available quote',
      order({ userId: 'carol', orderType: 'market', price: undefined, size: undefined, funds: 51n }),
      'insufficient_funds',
    ],
    ['an order from a user with no account', order({ userId: 'nobody' }), 'insufficient_funds'],
    ['a post-only buy that would take', order({ price: 101, postOnly: true }), 'post_only_would_take'],
    ['a post-only sell that would take', order({ userId: 'alice', side: 'sell', price: 99, size: 2, postOnly: true }), 'post_only_would_take'],
    ['a fill-or-kill larger than the book', order({ price: 101, size: 6, timeInForce: 'FOK' }), 'fok_not_fillable'],
    ['a fill-or-kill whose limit excludes the liquidity', order({ price: 100, size: 2, timeInForce: 'FOK' }), 'fok_not_fillable'],
    ['a limit order without a price', order({ price: undefined }), 'invalid_order'],
    ['a limit order with a fractional size', order({ size: 2.5 }), 'invalid_order'],
    ['a post-only IOC', order({ postOnly: true, timeInForce: 'IOC' }), 'invalid_order'],
    ['a market buy by size', order({ orderType: 'market', price: undefined, size: 2 }), 'invalid_order'],
    ['a market order with a price', order({ side: 'sell', orderType: 'market', userId: 'alice' }), 'invalid_order'],
    ['cancelling an unknown order', { type: 'cancel_order', userId: 'bob', orderId: 999 }, 'order_not_found'],
    ['cancelling another user’s order', { type: 'cancel_order', userId: 'bob', orderId: 5 }, 'order_not_found'],
    ['cancelling by a user with no account', { type: 'cancel_order', userId: 'nobody', orderId: 5 }, 'order_not_found'],
    ['cancelling all in an unknown product', { type: 'cancel_all', userId: 'bob', productId: 'NOPE-X' }, 'unknown_product'],
    ['a deposit in an unknown currency', { type: 'deposit', userId: 'bob', currency: 'XYZ', amount: 5n }, 'unknown_currency'],
    ['a deposit of nothing', { type: 'deposit', userId: 'bob', currency: 'BBB', amount: 0n }, 'invalid_amount'],
    ['a withdrawal in an unknown currency', { type: 'withdraw', userId: 'bob', currency: 'XYZ', amount: 5n }, 'unknown_currency'],
    ['a withdrawal beyond the available balance', { type: 'withdraw', userId: 'bob', currency: 'BBB', amount: 9_600n }, 'insufficient_funds'],
    ['withdrawing funds held by an open order', { type: 'withdraw', userId: 'alice', currency: 'AAA', amount: 96n }, 'insufficient_funds'],
    ['a withdrawal by a user with no account', { type: 'withdraw', userId: 'nobody', currency: 'BBB', amount: 1n }, 'insufficient_funds'],
    [
      'a product with an inexact tick × step',
      { type: 'put_product', product: { ...PLAIN, id: 'CCC-BBB', baseCurrency: 'CCC', baseScale: 2, stepSize: '0.01' } },
      'invalid_product',
    ],
    [
      'a product whose min size exceeds its max',
      { type: 'put_product', product: { ...PLAIN, id: 'CCC-BBB', baseCurrency: 'CCC', minSize: '5', maxSize: '4' } },
      'invalid_product',
    ],
    ['changing the tick of a listed product', { type: 'put_product', product: { ...PLAIN, tickSize: '2' } }, 'product_immutable'],
    ['changing the currencies of a listed product', { type: 'put_product', product: { ...PLAIN, quoteCurrency: 'CCC' } }, 'product_immutable'],
    [
      're-listing a currency with another scale',
      {
        type: 'put_product',
        product: {
          ...PLAIN,
          id: 'AAA-CCC',
          quoteCurrency: 'CCC',
          baseScale: 2,
          quoteScale: 2,
          stepSize: '0.01',
          tickSize: '1',
          minSize: '0.01',
          maxSize: '10',
        },
      },
      'currency_scale_mismatch',
    ],
  ])('rejects %s', (_name, command, reason) => {
    const driver = seeded();
    const before = stateWithoutSeq(driver);
    const result = driver.run(command);
    expect(result).toMatchObject({ accepted: false, reason, events: [] });
    if (!result.accepted) expect(result.message.length).toBeGreaterThan(0);
    expect(driver.engine.lastSeq).toBe(result.seq);
    expect(stateWithoutSeq(driver)).toBe(before);
    expect(driver.engine.audit()).toEqual([]);
  });

  it('goes on accepting commands after a rejection', () => {
    const driver = seeded();
    driver.run(order({ productId: 'NOPE-X' }));
    expect(driver.limit('bob', 'buy', 101, 2).accepted).toBe(true);
  });
});

/** A rejection still consumes its sequence number; compare everything but that. */
function stateWithoutSeq(driver: EngineDriver): string {
  const snapshot = driver.engine.snapshot();
  return JSON.stringify({ ...snapshot, seq: 0 }, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}
