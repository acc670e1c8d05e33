import { AppError } from '@mosaic/kit-core';
import { describe, expect, it } from 'vitest';
import { PLAIN } from '../test-support/engine-driver';
import { deserializeRecord, parseCommand, serializeRecord } from './command-codec';
import type { ExchangeCommand } from './commands';

function problemWith(input: unknown): string {
  try {
    parseCommand(input);
  } catch (error) {
    expect(error).toMatchObject({ kind: 'invalid', code: 'invalid_command' });
    return ((error as AppError).details as { path: string }[])[0].path;
  }
  throw new Error('expected the command to be refused');
}

const limit = { type: 'place_order', userId: 'u1', productId: 'BTC-USDT', side: 'buy', orderType: 'limit', price: 100, size: 2 };

describe('parseCommand', () => {
  it('accepts well-formed commands, filling defaults and reading amounts given as strings', () => {
    expect(parseCommand(limit)).toEqual({ ...limit, timeInForce: 'GTC' });
    expect(
      parseCommand({ type: 'place_order', userId: 'u1', productId: 'BTC-USDT', side: 'buy', orderType: 'market', funds: '12345678901234567890', ref: 'r-1' }),
    ).toEqual({
      type: 'place_order',
      userId: 'u1',
      productId: 'BTC-USDT',
      side: 'buy',
      orderType: 'market',
      funds: 12345678901234567890n,
      ref: 'r-1',
    });
    expect(parseCommand({ type: 'deposit', userId: 'u1', currency: 'USDT', amount: '500' })).toEqual({
      type: 'deposit',
      userId: 'u1',
      currency: 'USDT',
      amount: 500n,
    });
    expect(parseCommand({ type: 'cancel_all', userId: 'u1' })).toEqual({ type: 'cancel_all', userId: 'u1' });
  });

  it('drops fields it does not know', () => {
    expect(parseCommand({ ...limit, extra: 'x' })).not.toHaveProperty('extra');
  });

  it.each([
    ['not an object', 'x', 'command'],
    ['an unknown type', { type: 'explode' }, 'type'],
    ['a missing user', { ...limit, userId: undefined }, 'userId'],
    ['a user id with spaces', { ...limit, userId: 'a b' }, 'userId'],
    ['a bad side', { ...limit, side: 'up' }, 'side'],
    ['a fractional price', { ...limit, price: 1.5 }, 'price'],
    ['a negative size', { ...limit, size: -1 }, 'size'],
    ['a price beyond 2^53', { ...limit, price: 2 ** 53 }, 'price'],
    ['funds on a limit order', { ...limit, funds: '5' }, 'funds'],
    ['a bad time in force', { ...limit, timeInForce: 'GTD' }, 'timeInForce'],
    ['post-only with IOC', { ...limit, postOnly: true, timeInForce: 'IOC' }, 'postOnly'],
    ['a non-boolean post-only', { ...limit, postOnly: 'yes' }, 'postOnly'],
    ['a market order with a price', { ...limit, orderType: 'market' }, 'price'],
    ['a market buy with a size', { ...limit, orderType: 'market', price: undefined }, 'funds'],
    ['a market sell with funds', { ...limit, side: 'sell', orderType: 'market', price: undefined, funds: '5' }, 'funds'],
    [
      'a market order with a time in force',
      { ...limit, orderType: 'market', price: undefined, size: undefined, funds: '5', timeInForce: 'IOC' },
      'timeInForce',
    ],
    ['a bad self-trade rule', { ...limit, stp: 'ignore' }, 'stp'],
    ['a zero deposit', { type: 'deposit', userId: 'u', currency: 'USDT', amount: '0' }, 'amount'],
    ['a decimal deposit', { type: 'deposit', userId: 'u', currency: 'USDT', amount: '1.5' }, 'amount'],
    ['a lower-case currency', { type: 'withdraw', userId: 'u', currency: 'usdt', amount: '1' }, 'currency'],
    ['a fractional order id', { type: 'cancel_order', userId: 'u', orderId: 1.5 }, 'orderId'],
    ['an overlong ref', { ...limit, ref: 'x'.repeat(129) }, 'ref'],
    ['a product without a tick', { type: 'put_product', product: { ...PLAIN, tickSize: undefined } }, 'product.tickSize'],
    ['a product scale out of range', { type: 'put_product', product: { ...PLAIN, baseScale: 40 } }, 'product.baseScale'],
  ])('refuses %s', (_name, input, path) => {
    expect(problemWith(input)).toBe(path);
  });
});

describe('journal record serialisation', () => {
  it.each<ExchangeCommand>([
    { type: 'put_product', product: PLAIN },
    { type: 'deposit', userId: 'u', currency: 'AAA', amount: 2n ** 80n, ref: 'dep-1' },
    { type: 'withdraw', userId: 'u', currency: 'AAA', amount: 3n },
    { type: 'place_order', userId: 'u', productId: 'AAA-BBB', side: 'sell', orderType: 'limit', price: 5, size: 6, timeInForce: 'FOK', stp: 'cancel_both' },
    { type: 'place_order', userId: 'u', productId: 'AAA-BBB', side: 'buy', orderType: 'market', funds: 99n },
    { type: 'cancel_order', userId: 'u', orderId: 17 },
    { type: 'cancel_all', userId: 'u', productId: 'AAA-BBB' },
  ])('round-trips a $type command', (command) => {
    const record = { seq: 42, time: 1_767_225_600_123, command };
    expect(deserializeRecord(serializeRecord(record))).toEqual(record);
  });

  it('refuses a record that is not JSON or not a record', () => {
    expect(() => deserializeRecord('{nope')).toThrow(AppError);
    expect(() => deserializeRecord('{"seq":0,"time":1,"command":{"type":"cancel_all","userId":"u"}}')).toThrow(/seq/);
  });
});
