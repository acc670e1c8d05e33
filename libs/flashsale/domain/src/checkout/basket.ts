import { invalidCode, invalidUserId } from '../errors/flashsale-errors';

/** Why an item of a basket was not bought. */
export type NotBoughtReason = 'item_sold' | 'limit_exceeded';

export interface PurchaseResult {
  readonly code: string;
  readonly bought: readonly string[];
  readonly notBought: readonly { readonly id: string; readonly reason: NotBoughtReason }[];
  /** The order the bought items went into; null when nothing was bought. */
  readonly orderId: string | null;
}

/**
 * A user's basket in one sale, named by its checkout `code`. Checkouts add items while
 * it is open; a purchase closes it with a result that every later purchase with the
 * same code answers again. A user has at most one open basket per sale.
 */
export interface Basket {
  readonly code: string;
  readonly saleId: string;
  readonly userId: string;
  readonly items: readonly string[];
  readonly result: PurchaseResult | null;
}

/** What every checkout attempt leaves behind, accepted or not. */
export type CheckoutOutcome = 'added' | 'item_sold' | 'limit_exceeded' | 'sale_not_open' | 'sale_closed';

export interface CheckoutAttempt {
  readonly saleId: string;
  readonly userId: string;
  readonly itemId: string;
  readonly outcome: CheckoutOutcome;
  readonly code: string | null;
  readonly at: Date;
}

const USER_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const CODE = /^[A-Za-z0-9_-]{22}$/;

export const isUserId = (value: unknown): value is string => typeof value === 'string' && USER_ID.test(value);
export const isCheckoutCode = (value: unknown): value is string => typeof value === 'string' && CODE.test(value);

export function assertUserId(value: unknown): asserts value is string {
  if (!isUserId(value)) throw invalidUserId();
}

export function assertCheckoutCode(value: unknown): asserts value is string {
  if (!isCheckoutCode(value)) throw invalidCode();
}
