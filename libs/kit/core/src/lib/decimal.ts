import { invalid } from './app-error';

/**
 * Money and quantities live as integers of minor units with an explicit scale
 * (scale 2: "12.34" ⇄ 1234n). Only strings and safe integers are accepted at the
 * edge; a float has already lost the value the client meant.
 */
export interface DecimalOptions {
  /** Field name used in error messages, e.g. "amount". */
  field?: string;
  allowNegative?: boolean;
  allowZero?: boolean;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
const MAX_DIGITS = 38;

export function parseDecimal(input: unknown, scale: number, options: DecimalOptions = {}): bigint {
  const field = options.field ?? 'value';
  assertScale(scale);
  let text: string;
  if (typeof input === 'string') text = input;
  else if (typeof input === 'number' && Number.isSafeInteger(input)) text = String(input);
  else
    throw invalid('invalid_decimal', `${field} must be a decimal string`, { details: [{ path: field, message: 'expected a decimal string such as "12.50"' }] });

  const match = DECIMAL.exec(text);
  if (!match)
    throw invalid('invalid_decimal', `${field} is not a decimal number: "${truncate(text)}"`, { details: [{ path: field, message: 'malformed decimal' }] });
  const [, sign, whole, fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > scale) {
    throw invalid('too_many_decimals', `${field} has more than ${scale} decimal places`, {
      details: [{ path: field, message: `at most ${scale} decimal places` }],
    });
  }
  if (whole.length + scale > MAX_DIGITS) {
    throw invalid('decimal_out_of_range', `${field} is too large`, { details: [{ path: field, message: 'too many digits' }] });
  }
  const units = BigInt(whole + significant.padEnd(scale, '0')) * (sign ? -1n : 1n);
  if (units < 0n && !options.allowNegative) {
    throw invalid('negative_amount', `${field} must not be negative`, { details: [{ path: field, message: 'must not be negative' }] });
  }
  if (units === 0n && options.allowZero === false) {
    throw invalid('zero_amount', `${field} must be greater than zero`, { details: [{ path: field, message: 'must be greater than zero' }] });
  }
  return units;
}

/** A strictly positive amount: the common case for transfers, orders and deposits. */
export function parsePositiveDecimal(input: unknown, scale: number, field = 'amount'): bigint {
  return parseDecimal(input, scale, { field, allowZero: false });
}

export function formatDecimal(units: bigint, scale: number): string {
  assertScale(scale);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** value × multiplier ÷ divisor in integers, rounding toward zero; e.g. fees at a rate in parts per million. */
export function mulDiv(value: bigint, multiplier: bigint, divisor: bigint): bigint {
  if (divisor === 0n) throw new RangeError('division by zero');
  return (value * multiplier) / divisor;
}

function assertScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < 0 || scale > 18) throw new RangeError(`scale must be an integer in [0, 18], got ${scale}`);
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
