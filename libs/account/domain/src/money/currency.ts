import { unsupportedCurrency } from '../errors/account-errors';

/** A currency and how many minor units make one major unit (10^scale). */
export interface Currency {
  readonly code: string;
  readonly scale: number;
}

/**
 * The currencies accounts may hold. The scale is part of the currency and so of the
 * account: "12.34" USD is 1234 minor units, "1234" JPY is 1234 minor units.
 */
const SUPPORTED: Readonly<Record<string, number>> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  CNY: 2,
  HKD: 2,
  JPY: 0,
  KRW: 0,
};

export const SUPPORTED_CURRENCIES: readonly string[] = Object.keys(SUPPORTED);

export function currencyOf(code: unknown): Currency {
  if (typeof code !== 'string' || !Object.hasOwn(SUPPORTED, code)) throw unsupportedCurrency(code);
  return { code, scale: SUPPORTED[code] };
}
