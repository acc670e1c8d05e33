import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { BTC_USDT, type ExchangeCommand, type JournalRecord } from '@mosaic/exchange-domain';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';
import { checkFrame, decodeFrame, decodeTransientFrame, encodeFrame } from './journal-frame';

/** Any Unicode text; at most 4 UTF-8 bytes a code point, so 60 fit a u8 length. */
const text = (max: number) => fc.string({ unit: 'binary', minLength: 1, maxLength: max });
const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/);
const count = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const amount = fc.oneof(fc.bigInt(1n, 1_000_000n), fc.bigInt(1n, (1n << 64n) - 1n), fc.bigInt(1n << 64n, 1n << 126n));
const ref = fc.option(text(128), { nil: undefined });

const command: fc.Arbitrary<ExchangeCommand> = fc.oneof(
  fc.record({ type: fc.constant('put_product' as const), product: fc.constant(BTC_USDT), ref }, { requiredKeys: ['type', 'product'] }),
  fc.record(
    { type: fc.constantFrom('deposit' as const, 'withdraw' as const), userId: id, currency: fc.stringMatching(/^[A-Z0-9]{1,16}$/), amount, ref },
    { requiredKeys: ['type', 'userId', 'currency', 'amount'] },
  ),
  fc.record(
    {
      type: fc.constant('place_order' as const),
      userId: text(60),
      productId: id,
      side: fc.constantFrom('buy' as const, 'sell' as const),
      orderType: fc.constantFrom('limit' as const, 'market' as const),
      price: count,
      size: count,
      funds: amount,
      timeInForce: fc.constantFrom('GTC' as const, 'IOC' as const, 'FOK' as const),
      postOnly: fc.boolean(),
      stp: fc.constantFrom('cancel_resting' as const, 'cancel_taker' as const, 'cancel_both' as const),
      ref,
    },
    { requiredKeys: ['type', 'userId', 'productId', 'side', 'orderType'] },
  ),
  fc.record({ type: fc.constant('cancel_order' as const), userId: id, orderId: count, ref }, { requiredKeys: ['type', 'userId', 'orderId'] }),
  fc.record({ type: fc.constant('cancel_all' as const), userId: id, productId: id, ref }, { requiredKeys: ['type', 'userId'] }),
);

const record: fc.Arbitrary<JournalRecord> = fc.record({ seq: count, time: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), command });

/** Drops keys whose value is undefined, as a decoded record has none. */
function plain(value: JournalRecord): JournalRecord {
  return { ...value, command: Object.fromEntries(Object.entries(value.command).filter(([, v]) => v !== undefined)) as ExchangeCommand };
}

describe('binary journal records', () => {
  it('decode to exactly the record that was encoded, every command type and field', () => {
    fc.assert(
      fc.property(record, (original) => {
        const frame = encodeFrame(original);
        const check = checkFrame(frame, 0);
        expect(check).toEqual({ kind: 'frame', seq: original.seq, size: frame.length });
        expect(decodeFrame(frame, 0, frame.length)).toStrictEqual(plain(original));
        expect(plain(decodeTransientFrame(frame, 0, frame.length))).toStrictEqual(plain(original));
      }),
      { numRuns: 2_000 },
    );
  });

  it('decode each record right when many sit side by side with repeated ids', () => {
    const originals = Array.from({ length: 5_000 }, (_, i): JournalRecord => ({
      seq: i + 1,
      time: 1_767_225_600_000 + i,
      command: {
        type: 'place_order',
        userId: `user-${i % 37}`,
        productId: i % 2 === 0 ? 'BTC-USDT' : 'ETH-USDT',
        side: 'buy',
        orderType: 'limit',
        price: 100 + i,
        size: 1 + (i % 9),
      },
    }));
    const data = Buffer.concat(originals.map(encodeFrame));
    const decoded: JournalRecord[] = [];
    for (let offset = 0; offset < data.length;) {
      const check = checkFrame(data, offset);
      if (check.kind !== 'frame') throw new Error(`bad frame at ${offset}`);
      decoded.push(decodeFrame(data, offset, check.size));
      offset += check.size;
    }
    expect(decoded).toStrictEqual(originals);
  });

  it('are about a third of the size of the JSON they replace', () => {
    const frame = encodeFrame({
      seq: 7,
      time: 1_767_225_600_000,
      command: {
        type: 'place_order',
        userId: 'user-1',
        productId: 'BTC-USDT',
        side: 'buy',
        orderType: 'limit',
        price: 6_000_000,
        size: 25,
        timeInForce: 'GTC',
      },
    });
    expect(frame.length).toBeLessThan(60);
  });

  it('refuse a command they cannot represent rather than write something else', () => {
    const bad = {
      seq: 1,
      time: 0,
      command: { type: 'place_order', userId: 'u', productId: 'P', side: 'sideways', orderType: 'limit' },
    } as unknown as JournalRecord;
    expect(() => encodeFrame(bad)).toThrow(/side sideways cannot be journaled/);
    expect(() => encodeFrame({ seq: 1, time: 0, command: { type: 'cancel_order', userId: 'x'.repeat(300), orderId: 1 } })).toThrow(/too long/);
  });

  it('checksum exactly as zlib does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, cut) => {
        const start = bytes.length === 0 ? 0 : cut % bytes.length;
        expect(crc32(bytes, start, bytes.length)).toBe(zlibCrc32(bytes.subarray(start)));
      }),
    );
  });
});
