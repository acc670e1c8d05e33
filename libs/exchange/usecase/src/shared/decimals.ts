import { formatDecimal, invalid } from '@mosaic/kit-core';

/**
 * A decimal without trailing zeros ("27000", "0.5"): the client keys book levels
 * by these strings, so one value must have one spelling.
 */
export function canonicalDecimal(text: string): string {
  if (!text.includes('.')) return text;
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

/** Minor units at `scale` as a canonical decimal. */
export function formatUnits(units: bigint, scale: number): string {
  return canonicalDecimal(formatDecimal(units, scale));
}

/**
 * Clients send JSON numbers as well as strings: a number becomes its shortest
 * decimal form (what `String` prints, exponent expanded), then goes through the
 * same tick and step checks as a string would.
 */
export function decimalInput(value: unknown, field: string): unknown {
  if (typeof value !== 'number') return value;
  if (!Number.isFinite(value)) throw invalid('invalid_decimal', `${field} must be a finite number`, { details: [{ path: field, message: 'not finite' }] });
  return expandExponent(String(value));
}

function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = '', exponentText] = match;
  const exponent = Number(exponentText);
  const digits = whole + fraction;
  const point = whole.length + exponent;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
