import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExchangeCommand, JournalRecord } from '../commands/commands';
import type { ProductSpec } from '../product/product';
import { decodeSnapshot, encodeSnapshot } from '../snapshot/snapshot-codec';
import { PLAIN } from '../test-support/engine-driver';
import { ExchangeEngine } from './exchange-engine';
import type { CommandResult } from '../events/exchange-events';

/** A second market where one lot is 10 base units and one tick-lot 5 quote units, with fees that round. */
const FEES: ProductSpec = {
  id: 'CCC-BBB',
  baseCurrency: 'CCC',
  quoteCurrency: 'BBB',
  baseScale: 3,
  quoteScale: 0,
  tickSize: '500',
  stepSize: '0.01',
  minSize: '0.01',
  maxSize: '1000',
  minFunds: '1',
  maxFunds: '1000000',
  makerFee: '0.003',
  takerFee: '0.007',
};
const PRODUCTS = [PLAIN, { ...PLAIN, makerFee: '0.001', takerFee: '0.002' }, FEES];
const USERS = ['u0', 'u1', 'u2', 'u3'];
const CURRENCIES = ['AAA', 'BBB', 'CCC'];

const user = fc.constantFrom(...USERS);
const productId = fc.constantFrom(PLAIN.id, FEES.id);
const side = fc.constantFrom('buy' as const, 'sell' as const);
const stp = fc.constantFrom(undefined, 'cancel_resting' as const, 'cancel_taker' as const, 'cancel_both' as const);

const command: fc.Arbitrary<ExchangeCommand> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('deposit' as const), userId: user, currency: fc.constantFrom(...CURRENCIES), amount: fc.bigInt(1n, 200_000n) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('withdraw' as const), userId: user, currency: fc.constantFrom(...CURRENCIES), amount: fc.bigInt(1n, 100_000n) }),
  },
  {
    weight: 10,
    arbitrary: fc
      .record({
        userId: user,
        productId,
        side,
        price: fc.integer({ min: 90, max: 110 }),
        size: fc.integer({ min: 1, max: 60 }),
        timeInForce: fc.constantFrom('GTC' as const, 'GTC' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const),
        postOnly: fc.boolean(),
        stp,
      })
      .map(({ postOnly, stp: rule, ...order }): ExchangeCommand => ({
        type: 'place_order',
        orderType: 'limit',
        ...order,
        ...(postOnly && order.timeInForce === 'GTC' ? { postOnly } : {}),
        ...(rule === undefined ? {} : { stp: rule }),
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ userId: user, productId, size: fc.integer({ min: 1, max: 80 }) })
      .map((order): ExchangeCommand => ({ type: 'place_order', orderType: 'market', side: 'sell', ...order })),
  },
  {
    weight: 2,
    arbitrary: fc
      .record({ userId: user, productId, funds: fc.bigInt(1n, 20_000n) })
      .map((order): ExchangeCommand => ({ type: 'place_order', orderType: 'market', side: 'buy', ...order })),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('cancel_order' as const), userId: user, orderId: fc.integer({ min: 1, max: 250 }) }) },
  // Resolved against the live book by `toRecords`: cancels the user's n-th open order.
  { weight: 3, arbitrary: fc.record({ type: fc.constant('cancel_order' as const), userId: user, orderId: fc.integer({ min: -50, max: -1 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('cancel_all' as const), userId: user, productId: fc.option(productId, { nil: undefined }) }).map(withoutUndefined),
  },
  { weight: 1, arbitrary: fc.constantFrom(...PRODUCTS).map((product): ExchangeCommand => ({ type: 'put_product', product })) },
);

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Products listed and everyone funded, so random streams trade from the start. */
const PRELUDE: ExchangeCommand[] = [
  { type: 'put_product', product: PLAIN },
  { type: 'put_product', product: FEES },
  ...USERS.flatMap((userId) => CURRENCIES.map((currency): ExchangeCommand => ({ type: 'deposit', userId, currency, amount: 100_000n }))),
];

const stream = fc.array(command, { minLength: 20, maxLength: 200, size: 'max' }).map((commands) => toRecords([...PRELUDE, ...commands]));

/**
 * Numbers the commands and turns each "cancel my n-th open order" (a negative
 * order id) into a cancel of a real order, found by running the log so far; the
 * records are fixed from then on, as a journal's would be.
 */
function toRecords(commands: ExchangeCommand[]): JournalRecord[] {
  const scratch = new ExchangeEngine();
  return commands.map((original, i) => {
    let command = original;
    if (command.type === 'cancel_order' && command.orderId < 0) {
      const open = scratch.openOrders(command.userId);
      command = { ...command, orderId: open.length === 0 ? 1 : open[-command.orderId % open.length].orderId };
    }
    const record = { seq: i + 1, time: 1_767_225_600_000 + i * 7, command };
    scratch.apply(record);
    return record;
  });
}

function run(engine: ExchangeEngine, records: JournalRecord[]): CommandResult[] {
  return records.map((record) => engine.apply(record));
}

/** The promised invariants, computed only from the engine's public queries. */
function checkInvariants(engine: ExchangeEngine, result: CommandResult): void {
  const totals = new Map<string, bigint>();
  for (const userId of engine.users()) {
    const reserved = new Map<string, bigint>();
    for (const order of engine.openOrders(userId)) {
      const product = engine.product(order.productId)!;
      const [currency, amount] =
        order.side === 'buy'
          ? [product.quoteCurrency, BigInt(order.price) * BigInt(order.remainingSize) * product.quotePerTickLot]
          : [product.baseCurrency, BigInt(order.remainingSize) * product.lotUnits];
      reserved.set(currency, (reserved.get(currency) ?? 0n) + amount);
    }
    for (const balance of engine.balances(userId)) {
      expect(balance.available, `${userId} ${balance.currency} available`).toBeGreaterThanOrEqual(0n);
      expect(balance.hold, `${userId} ${balance.currency} hold`).toBe(reserved.get(balance.currency) ?? 0n);
      totals.set(balance.currency, (totals.get(balance.currency) ?? 0n) + balance.available + balance.hold);
    }
  }
  for (const currency of engine.currencies()) {
    expect((totals.get(currency.code) ?? 0n) + currency.fees, `${currency.code} conserved`).toBe(currency.deposited - currency.withdrawn);
    expect(currency.fees).toBeGreaterThanOrEqual(0n);
  }
  for (const product of engine.products()) {
    const depth = engine.depth(product.id, 1)!;
    if (depth.bids.length > 0 && depth.asks.length > 0) expect(depth.bids[0].price).toBeLessThan(depth.asks[0].price);
  }
  // What the result reports is what the engine now holds.
  for (const event of result.events) {
    if (event.type === 'balance') expect(engine.balance(event.userId, event.currency)).toMatchObject({ available: event.available, hold: event.hold });
    if (event.type === 'book') {
      const levels = engine.depth(event.productId)!;
      const level = (event.side === 'buy' ? levels.bids : levels.asks).find((l) => l.price === event.price);
      expect(level?.size ?? 0).toBe(event.size);
    }
  }
  if (!result.accepted) expect(result.events).toEqual([]);
  expect(engine.audit()).toEqual([]);
}

describe('engine properties over random command streams', () => {
  // Heavy (an audit after every command): on a loaded machine it needs more than the default timeout.
  it('keeps conservation, holds, non-negative balances and an uncrossed book after every command', { timeout: 180_000 }, () => {
    fc.assert(
      fc.property(stream, (records) => {
        const engine = new ExchangeEngine();
        for (const record of records) checkInvariants(engine, engine.apply(record));
      }),
      { numRuns: 150 },
    );
  });

  it('replays the same log to the same results and state hash', () => {
    fc.assert(
      fc.property(stream, (records) => {
        const first = new ExchangeEngine();
        const second = new ExchangeEngine();
        expect(run(second, records)).toEqual(run(first, records));
        expect(second.stateHash()).toBe(first.stateHash());
      }),
      { numRuns: 60 },
    );
  });

  it('reaches the same state hash through the silent replay as through apply, and reports normally after it', () => {
    fc.assert(
      fc.property(stream, fc.nat(), (records, at) => {
        const cut = at % (records.length + 1);
        const applied = new ExchangeEngine();
        const results = run(applied, records);

        const replayed = new ExchangeEngine();
        replayed.replay(records.slice(0, cut));
        expect(replayed.lastSeq).toBe(cut);
        expect(replayed.audit()).toEqual([]);
        // Back in reporting mode: the tail reports exactly what a full apply reported.
        expect(run(replayed, records.slice(cut))).toEqual(results.slice(cut));
        expect(replayed.stateHash()).toBe(applied.stateHash());
      }),
      { numRuns: 60 },
    );
  });

  it('reaches the full replay’s state from a snapshot at any point plus the tail', () => {
    fc.assert(
      fc.property(stream, fc.nat(), (records, at) => {
        const cut = at % (records.length + 1);
        const full = new ExchangeEngine();
        const fullResults = run(full, records);

        const head = new ExchangeEngine();
        run(head, records.slice(0, cut));
        const resumed = ExchangeEngine.restore(decodeSnapshot(encodeSnapshot(head.snapshot())));
        expect(run(resumed, records.slice(cut))).toEqual(fullResults.slice(cut));
        expect(resumed.stateHash()).toBe(full.stateHash());
      }),
      { numRuns: 60 },
    );
  });
});
