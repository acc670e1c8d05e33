import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCY_CODE, PRODUCT_ID, USER_ID } from './command-codec';
import { isCurrencyCode, isProductId, isUserId } from './field-shapes';

/** Strings near each shape: its alphabet plus neighbours and non-ASCII, around its length limits. */
const near = (alphabet: string, maxLength: number) =>
  fc.oneof(
    fc.string({ unit: fc.constantFrom(...alphabet, ' ', '~', '!', '\u007f', '\u00e9', '_', '-', '/', '@', '[', '`', '{', '\u0000'), maxLength: maxLength + 3 }),
    fc.string({ unit: 'binary', maxLength: maxLength + 3 }),
    fc.constantFrom('', 'a'.repeat(maxLength), 'a'.repeat(maxLength + 1), 'A'.repeat(maxLength), 'Z'.repeat(maxLength + 1)),
  );
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

describe('field shapes', () => {
  it.each([
    ['user id', isUserId, USER_ID, 64],
    ['product id', isProductId, PRODUCT_ID, 32],
    ['currency code', isCurrencyCode, CURRENCY_CODE, 16],
  ] as const)('accept exactly what the %s pattern matches', (_name, check, pattern, maxLength) => {
    fc.assert(
      fc.property(near(LETTERS, maxLength), (value) => {
        expect(check(value)).toBe(pattern.test(value));
      }),
      { numRuns: 5_000 },
    );
    for (const other of [undefined, null, 7, {}, ['a']]) expect(check(other)).toBe(false);
  });
});
