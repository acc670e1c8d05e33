import { appErrorOf } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';
import { canonicalDecimal, formatAmount, MAX_UNITS, parseAmount } from './amount';
import { currencyOf, SUPPORTED_CURRENCIES } from './currency';

describe('currencyOf', () => {
  it('knows the scale of every supported currency', () => {
    expect(currencyOf('USD')).toEqual({ code: 'USD', scale: 2 });
    expect(currencyOf('CNY')).toEqual({ code: 'CNY', scale: 2 });
    expect(currencyOf('JPY')).toEqual({ code: 'JPY', scale: 0 });
    expect(SUPPORTED_CURRENCIES).toContain('EUR');
  });

  it.each(['usd', 'XXX', '', 42, null, 'toString', '__proto__'])('refuses %j with unsupported_currency', (code) => {
    expect(appErrorOf(() => currencyOf(code)).code).toBe('unsupported_currency');
  });
});

describe('parseAmount', () => {
  const usd = currencyOf('USD');
  const jpy = currencyOf('JPY');

  it('reads decimal strings in minor units of the currency', () => {
    expect(parseAmount('12.34', usd)).toBe(1234n);
    expect(parseAmount('12', usd)).toBe(1200n);
    expect(parseAmount('1234', jpy)).toBe(1234n);
  });

  it.each([
    ['0', 'zero_amount'],
    ['0.00', 'zero_amount'],
    ['-1', 'negative_amount'],
    ['1.001', 'too_many_decimals'],
    ['abc', 'invalid_decimal'],
    [12.5, 'invalid_decimal'],
    ['10000000000000000', 'amount_too_large'],
  ])('refuses %j with %s', (input, code) => {
    expect(appErrorOf(() => parseAmount(input, usd)).code).toBe(code);
  });

  it('refuses fractions of a currency without minor units', () => {
    expect(appErrorOf(() => parseAmount('1.5', jpy)).code).toBe('too_many_decimals');
  });

  it('accepts the largest holdable amount', () => {
    expect(parseAmount(MAX_UNITS.toString(), jpy)).toBe(MAX_UNITS);
  });

  it('formats minor units at the currency scale', () => {
    expect(formatAmount(1234n, usd)).toBe('12.34');
    expect(formatAmount(5n, usd)).toBe('0.05');
    expect(formatAmount(1234n, jpy)).toBe('1234');
  });
});

describe('canonicalDecimal', () => {
  it.each([
    ['10.50', '10.5'],
    ['010.5', '10.5'],
    ['10', '10'],
    ['10.00', '10'],
    ['0.010', '0.01'],
  ])('writes %s as %s', (input, canonical) => {
    expect(canonicalDecimal(input)).toBe(canonical);
  });

  it('refuses what is not a decimal, or longer than any amount', () => {
    expect(appErrorOf(() => canonicalDecimal('1e5')).code).toBe('invalid_decimal');
    expect(appErrorOf(() => canonicalDecimal(null)).code).toBe('invalid_decimal');
    expect(appErrorOf(() => canonicalDecimal('9'.repeat(41))).code).toBe('amount_too_large');
  });

  it('reads safe integers as parseAmount does', () => {
    expect(canonicalDecimal(7)).toBe('7');
  });
});
