import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountOf, cost, feeOn, minus, plus, quotient, times, toBigint, type Amount } from './amounts';

const LIMIT = BigInt(Number.MAX_SAFE_INTEGER);
/** Values around the edge of the safe range and far beyond it, in both signs. */
const big = fc.oneof(
  fc.bigInt(-LIMIT, LIMIT),
  fc.bigInt(LIMIT - 1_000n, LIMIT + 1_000n),
  fc.bigInt(-LIMIT - 1_000n, -LIMIT + 1_000n),
  fc.bigInt(-(1n << 70n), 1n << 70n),
  fc.bigInt(-1_000n, 1_000n),
);
const nonNegative = fc.oneof(fc.bigInt(0n, LIMIT), fc.bigInt(LIMIT - 1_000n, LIMIT + 1_000n), fc.bigInt(0n, 1n << 70n), fc.bigInt(0n, 1_000n));

function canonical(amount: Amount): void {
  expect(typeof amount === 'number' ? Number.isSafeInteger(amount) : amount > LIMIT || amount < -LIMIT).toBe(true);
}

describe('engine amounts', () => {
  it('add, subtract and multiply exactly as bigints do, in canonical form', () => {
    fc.assert(
      fc.property(big, big, (a, b) => {
        for (const [result, expected] of [
          [plus(amountOf(a), amountOf(b)), a + b],
          [minus(amountOf(a), amountOf(b)), a - b],
          [times(amountOf(a), amountOf(b)), a * b],
        ] as const) {
          canonical(result);
          expect(toBigint(result)).toBe(expected);
          expect(result).toBe(amountOf(expected));
        }
      }),
      { numRuns: 20_000 },
    );
  });

  it('divide and take fees rounding down exactly as bigint division does', () => {
    fc.assert(
      fc.property(
        nonNegative,
        fc.oneof(fc.bigInt(1n, 1_000n), fc.bigInt(1n, LIMIT), fc.bigInt(1n, 1n << 70n)),
        fc.integer({ min: 0, max: 999_999 }),
        (a, b, ppm) => {
          const divided = quotient(amountOf(a), amountOf(b));
          canonical(divided);
          expect(toBigint(divided)).toBe(a / b);
          const fee = feeOn(amountOf(a), ppm);
          canonical(fee);
          expect(toBigint(fee)).toBe((a * BigInt(ppm)) / 1_000_000n);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('price ticks × lots × quote units per tick-lot exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        nonNegative,
        (ticks, lots, unit) => {
          if (unit === 0n) return;
          const amount = cost(ticks, lots, amountOf(unit));
          canonical(amount);
          expect(toBigint(amount)).toBe(BigInt(ticks) * BigInt(lots) * unit);
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
