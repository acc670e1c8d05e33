import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExchangeCommand, JournalRecord } from '../commands/commands';
import { hashSnapshot } from '../snapshot/snapshot-codec';
import { EngineDriver, PLAIN } from '../test-support/engine-driver';
import type { ExchangeEngine } from './exchange-engine';

/** A funded market with resting orders on both sides (ids 5 and 6), so a malformed command has state to damage. */
function seeded(): EngineDriver {
  const driver = new EngineDriver();
  driver.list(PLAIN);
  driver.deposit('alice', 'AAA', 1_000n);
  driver.deposit('bob', 'BBB', 100_000n);
  driver.limit('alice', 'sell', 101, 5);
  driver.limit('bob', 'buy', 99, 5);
  return driver;
}

/** Everything but the sequence number, which a rejection still consumes. */
function stateOf(engine: ExchangeEngine): string {
  return hashSnapshot({ ...engine.snapshot(), seq: 0 });
}

const VALID: ExchangeCommand[] = [
  {
    type: 'place_order',
    userId: 'bob',
    productId: PLAIN.id,
    side: 'buy',
    orderType: 'limit',
    price: 101,
    size: 2,
    timeInForce: 'GTC',
    stp: 'cancel_resting',
    ref: 'r1',
  },
  { type: 'place_order', userId: 'bob', productId: PLAIN.id, side: 'buy', orderType: 'market', funds: 500n },
  { type: 'place_order', userId: 'alice', productId: PLAIN.id, side: 'sell', orderType: 'market', size: 3 },
  { type: 'cancel_order', userId: 'alice', orderId: 5 },
  { type: 'cancel_all', userId: 'bob', productId: PLAIN.id },
  { type: 'deposit', userId: 'bob', currency: 'BBB', amount: 10n },
  { type: 'withdraw', userId: 'alice', currency: 'AAA', amount: 10n },
  { type: 'put_product', product: PLAIN },
];

/** Values no command field accepts: wrong types, zero, negatives, fractions, out of range, hostile strings. */
const bad = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    0,
    -1,
    0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 53,
    -(2 ** 60),
    '',
    ' ',
    'x'.repeat(200),
    '__proto__',
    0n,
    -5n,
    1n << 200n,
    [],
    {},
    true,
  ),
  fc.anything().filter((value) => typeof value !== 'string'),
  fc.bigInt({ max: 0n }),
  fc.integer({ max: 0 }),
  fc.double().filter((value) => !Number.isSafeInteger(value) || value <= 0),
);

const malformed: fc.Arbitrary<unknown> = fc.oneof(
  // One field of a valid command replaced by a value it can never take.
  fc.tuple(fc.constantFrom(...VALID), fc.nat(), bad).map(([command, pick, value]) => {
    const fields = Object.keys(command).filter((key) => key !== 'product');
    return { ...command, [fields[pick % fields.length]]: value };
  }),
  // One field of a product spec replaced.
  fc
    .tuple(fc.constantFrom(...Object.keys(PLAIN)), bad)
    .map(([field, value]) => ({ type: 'put_product', product: { ...PLAIN, id: 'CCC-DDD', [field]: value } })),
  // A required field missing.
  fc.tuple(fc.constantFrom(...VALID), fc.nat()).map(([command, pick]) => {
    const required = Object.keys(command).filter((key) => !['ref', 'timeInForce', 'stp', 'productId'].includes(key) || command.type === 'place_order');
    const copy: Record<string, unknown> = { ...command };
    delete copy[required[pick % required.length]];
    return copy;
  }),
  // Cancels of ids the engine never issued.
  fc.record({
    type: fc.constant('cancel_order'),
    userId: fc.constantFrom('alice', 'bob', 'nobody'),
    orderId: fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 2 ** 40 }), fc.integer({ max: 0 })),
  }),
  // Anything at all, including a bogus type or no object.
  fc.anything(),
  fc.record({ type: fc.string(), userId: fc.string() }),
);

describe('malformed commands', () => {
  it('are rejected without an exception, change nothing but the sequence number, and the engine goes on', () => {
    fc.assert(
      fc.property(malformed, (command) => {
        const driver = seeded();
        const before = stateOf(driver.engine);
        const record = { seq: driver.seq + 1, time: driver.time, command } as JournalRecord;
        const result = driver.engine.apply(record);
        driver.seq += 1;
        if (result.accepted) return; // a replacement that happens to be valid (a missing optional field, a cancel of a live id)
        expect(result.events).toEqual([]);
        expect(result.message.length).toBeGreaterThan(0);
        expect(driver.engine.lastSeq).toBe(record.seq);
        expect(stateOf(driver.engine)).toBe(before);
        expect(driver.engine.audit()).toEqual([]);
        expect(driver.limit('bob', 'buy', 100, 1).accepted).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('rejects a cancel of order 0 or of an id never issued', () => {
    const driver = seeded();
    for (const orderId of [0, -1, 7, 1_000_000, 2 ** 52]) {
      expect(driver.cancel('bob', orderId)).toMatchObject({ accepted: false, reason: 'order_not_found' });
    }
  });

  it('rejects a record with a damaged time or an unknown command type', () => {
    const driver = seeded();
    const before = stateOf(driver.engine);
    const damagedTime = driver.engine.apply({ seq: 6, time: -1, command: { type: 'deposit', userId: 'bob', currency: 'BBB', amount: 5n } });
    expect(damagedTime).toMatchObject({ accepted: false, reason: 'invalid_command', command: 'deposit' });
    const unknown = driver.engine.apply({ seq: 7, time: driver.time, command: { type: 'transmogrify' } as unknown as ExchangeCommand });
    expect(unknown).toMatchObject({ accepted: false, reason: 'invalid_command', command: 'unknown' });
    expect(stateOf(driver.engine)).toBe(before);
  });
});
