import { formatDecimal, parseDecimal, parsePositiveDecimal } from '@mosaic/kit-core';
import { amountTooLarge } from '../errors/account-errors';
import type { Currency } from './currency';

/**
 * The most minor units a balance (or a point total) may hold: 18 digits, so every
 * value fits a signed 64-bit column with room to spare and sums of two never overflow it.
 */
export const MAX_UNITS = 999_999_999_999_999_999n;

/**
 * A strictly positive amount of `currency` from the wire ("12.50"), in minor units.
 * Zero, negative, non-numeric and over-precise amounts fail with kit-core's codes
 * (`zero_amount`, `negative_amount`, `invalid_decimal`, `too_many_decimals`).
 */
export function parseAmount(input: unknown, currency: Currency, field = 'amount'): bigint {
  const units = parsePositiveDecimal(input, currency.scale, field);
  if (units > MAX_UNITS) throw amountTooLarge(field);
  return units;
}

export function formatAmount(units: bigint, currency: Currency): string {
  return formatDecimal(units, currency.scale);
}

const MAX_CANONICAL_DIGITS = 40;
const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * The canonical text of a decimal, whatever its padding ("010.50" → "10.5"), so two
 * requests meaning the same amount get the same idempotency fingerprint before the
 * account (and so the scale) is known. Malformed input fails as `parseAmount` would.
 */
export function canonicalDecimal(input: unknown, field = 'amount'): string {
  const match = typeof input === 'string' ? DECIMAL_TEXT.exec(input) : null;
  // Anything that is not plain decimal text fails exactly as parsing it would.
  if (!match) return formatDecimal(parseDecimal(input, 0, { field, allowNegative: true }), 0);
  const [, sign = '', whole, fraction = ''] = match;
  const digits = whole.replace(/^0+(?=\d)/, '');
  const decimals = fraction.replace(/0+$/, '');
  // Longer than any amount that could parse: refuse before it becomes a stored fingerprint.
  if (digits.length + decimals.length > MAX_CANONICAL_DIGITS) throw amountTooLarge(field);
  return `${sign}${digits}${decimals ? `.${decimals}` : ''}`;
}
