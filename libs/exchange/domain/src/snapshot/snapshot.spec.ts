import { describe, expect, it } from 'vitest';
import { ExchangeEngine } from '../engine/exchange-engine';
import { SequenceError } from '../errors/exchange-errors';
import { BTC_USDT, EngineDriver, PLAIN } from '../test-support/engine-driver';
import { decodeSnapshot, encodeSnapshot, hashSnapshot } from './snapshot-codec';

/** Two markets, resting orders on both sides at several levels, partial fills, fees. */
function busyEngine(): EngineDriver {
  const driver = new EngineDriver();
  driver.list({ ...PLAIN, makerFee: '0.01', takerFee: '0.02' });
  driver.list(BTC_USDT);
  for (const user of ['a', 'b', 'c']) {
    driver.deposit(user, 'AAA', 10_000n);
    driver.deposit(user, 'BBB', 1_000_000n);
    driver.deposit(user, 'BTC', 100_000_000n);
    driver.deposit(user, 'USDT', 10_000_000_000n);
  }
  driver.limit('a', 'sell', 105, 300, { ref: 'a-1' });
  driver.limit('b', 'sell', 105, 200);
  driver.limit('c', 'sell', 107, 100);
  driver.limit('a', 'buy', 100, 150);
  driver.limit('b', 'buy', 99, 150);
  driver.limit('c', 'buy', 105, 250);
  driver.limit('a', 'sell', 6_000_000, 50, {}, 'BTC-USDT');
  driver.limit('b', 'buy', 5_999_000, 70, {}, 'BTC-USDT');
  return driver;
}

describe('snapshots', () => {
  it('round-trip through their encoding unchanged', () => {
    const snapshot = busyEngine().engine.snapshot();
    expect(decodeSnapshot(encodeSnapshot(snapshot))).toEqual(snapshot);
  });

  it('carry the host’s attachment along, outside the state hash', () => {
    const snapshot = busyEngine().engine.snapshot();
    const attached = { ...snapshot, attachment: { projections: { trades: [1, 2], note: 'kept' } } };
    expect(decodeSnapshot(encodeSnapshot(attached))).toEqual(attached);
    expect(hashSnapshot(attached)).toBe(hashSnapshot(snapshot));
    expect(() => decodeSnapshot(encodeSnapshot({ ...snapshot, attachment: [] as unknown as Record<string, unknown> }))).toThrow(/attachment/);
  });

  it('restore an engine with the same state hash, orders, balances and books', () => {
    const original = busyEngine().engine;
    const restored = ExchangeEngine.restore(decodeSnapshot(encodeSnapshot(original.snapshot())));
    expect(restored.stateHash()).toBe(original.stateHash());
    expect(restored.lastSeq).toBe(original.lastSeq);
    expect(restored.audit()).toEqual([]);
    for (const user of original.users()) {
      expect(restored.openOrders(user)).toEqual(original.openOrders(user));
      expect(restored.balances(user)).toEqual(original.balances(user));
    }
    expect(restored.depth('AAA-BBB')).toEqual(original.depth('AAA-BBB'));
    expect(restored.currencies()).toEqual(original.currencies());
  });

  it('give a restored engine the same future as the original', () => {
    const original = busyEngine();
    const restored = new EngineDriver(ExchangeEngine.restore(original.engine.snapshot()));
    restored.time = original.time;
    const next = (driver: EngineDriver) => [
      driver.limit('b', 'buy', 107, 400),
      driver.marketSell('c', 60),
      driver.cancelAll('a'),
      driver.limit('c', 'sell', 6_000_000, 20, {}, 'BTC-USDT'),
    ];
    expect(next(restored)).toEqual(next(original));
    expect(restored.engine.stateHash()).toBe(original.engine.stateHash());
  });

  it('hash differently once anything differs', () => {
    const a = busyEngine();
    const b = busyEngine();
    expect(a.engine.stateHash()).toBe(b.engine.stateHash());
    b.deposit('a', 'AAA', 1n);
    a.deposit('a', 'AAA', 2n);
    expect(a.engine.stateHash()).not.toBe(b.engine.stateHash());
  });

  it('refuse a snapshot that contradicts itself', () => {
    const snapshot = busyEngine().engine.snapshot();
    const orphan = { ...snapshot, books: snapshot.books.map((book) => ({ ...book, orders: book.orders.map((order) => ({ ...order, owner: 99 })) })) };
    expect(() => ExchangeEngine.restore(orphan)).toThrow(/owner/);
    expect(() => decodeSnapshot('{"version":2}')).toThrow(/version 1/);
  });

  it('lets an audit catch a snapshot whose balances do not add up', () => {
    const snapshot = busyEngine().engine.snapshot();
    const inflated = {
      ...snapshot,
      accounts: snapshot.accounts.map((account, i) =>
        i === 0 ? { ...account, balances: account.balances.map((b) => ({ ...b, available: b.available + 1n })) } : account,
      ),
    };
    expect(ExchangeEngine.restore(inflated).audit().join('\n')).toMatch(/not conserved/);
  });
});

describe('sequencing', () => {
  it('applies only the next record in sequence', () => {
    const engine = new ExchangeEngine();
    const command = { type: 'put_product', product: PLAIN } as const;
    expect(() => engine.apply({ seq: 2, time: 0, command })).toThrow(SequenceError);
    engine.apply({ seq: 1, time: 0, command });
    expect(() => engine.apply({ seq: 1, time: 0, command })).toThrow(/expected command 2/);
    expect(engine.lastSeq).toBe(1);
  });
});
