import { describe, expect, it } from 'vitest';
import { canonicalDecimal, decimalInput, formatUnits } from './decimals';

describe('edge decimals', () => {
  it.each([
    [27000, '27000'],
    [0.1, '0.1'],
    [1e-7, '0.0000001'],
    [1.5e-8, '0.000000015'],
    [2e21, '2000000000000000000000'],
    ['0.50', '0.50'],
  ])('reads %s through its shortest decimal form as %s', (input, expected) => {
    expect(decimalInput(input, 'size')).toBe(expected);
  });

  it('refuses numbers that are not finite', () => {
    expect(() => decimalInput(Number.NaN, 'price')).toThrow(/finite/);
  });

  it.each([
    ['27000.00', '27000'],
    ['0.5000', '0.5'],
    ['12', '12'],
    ['-0.00', '0'],
  ])('writes %s canonically as %s', (input, expected) => {
    expect(canonicalDecimal(input)).toBe(expected);
  });

  it('formats minor units without trailing zeros', () => {
    expect(formatUnits(150_000_000n, 8)).toBe('1.5');
    expect(formatUnits(0n, 6)).toBe('0');
  });
});
