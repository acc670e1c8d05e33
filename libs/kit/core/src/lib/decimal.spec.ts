import { describe, expect, it } from 'vitest';
import { AppError } from './app-error';
import { formatDecimal, mulDiv, parseDecimal, parsePositiveDecimal } from './decimal';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error('expected an error');
}

describe('parseDecimal', () => {
  it.each([
    ['12.34', 2, 1234n],
    ['12.3', 2, 1230n],
    ['12', 2, 1200n],
    ['0.01', 2, 1n],
    ['12.3400', 2, 1234n],
    ['0', 0, 0n],
    ['123456789012345678901234567890', 0, 123456789012345678901234567890n],
    [7, 3, 7000n],
  ])('reads %s at scale %i', (input, scale, expected) => {
    expect(parseDecimal(input, scale)).toBe(expected);
  });

  it.each([
    ['1.234', 2, 'too_many_decimals'],
    ['1e5', 2, 'invalid_decimal'],
    [' 1', 2, 'invalid_decimal'],
    ['1.', 2, 'invalid_decimal'],
    ['.5', 2, 'invalid_decimal'],
    ['+1', 2, 'invalid_decimal'],
    ['0x10', 2, 'invalid_decimal'],
    ['', 2, 'invalid_decimal'],
    [1.5, 2, 'invalid_decimal'],
    [null, 2, 'invalid_decimal'],
    [{}, 2, 'invalid_decimal'],
    ['-1', 2, 'negative_amount'],
    ['9'.repeat(40), 2, 'decimal_out_of_range'],
  ])('rejects %j at scale %i with %s', (input, scale, code) => {
    expect(codeOf(() => parseDecimal(input, scale))).toBe(code);
  });

  it('accepts negatives only when asked', () => {
    expect(parseDecimal('-1.5', 1, { allowNegative: true })).toBe(-15n);
  });

  it('rejects zero where a positive amount is required and names the field', () => {
    try {
      parsePositiveDecimal('0.00', 2, 'amount');
      expect.fail('zero accepted');
    } catch (error) {
      expect((error as AppError).code).toBe('zero_amount');
      expect((error as AppError).message).toContain('amount');
      expect((error as AppError).status).toBe(400);
    }
  });
});

describe('formatDecimal', () => {
  it.each([
    [1234n, 2, '12.34'],
    [1n, 2, '0.01'],
    [0n, 2, '0.00'],
    [-5n, 3, '-0.005'],
    [42n, 0, '42'],
  ])('writes %s at scale %i as %s', (units, scale, text) => {
    expect(formatDecimal(units, scale)).toBe(text);
  });

  it('round-trips any value', () => {
    for (const units of [0n, 1n, 99n, 100n, 123456789n, -123n]) {
      expect(parseDecimal(formatDecimal(units, 4), 4, { allowNegative: true })).toBe(units);
    }
  });
});

describe('mulDiv', () => {
  it('rounds toward zero', () => {
    expect(mulDiv(1001n, 1000n, 1_000_000n)).toBe(1n);
    expect(mulDiv(999n, 1000n, 1_000_000n)).toBe(0n);
  });
});
