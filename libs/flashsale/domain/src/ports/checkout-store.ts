import type { Basket, CheckoutAttempt } from '../checkout/basket';

export interface AddToBasket {
  readonly saleId: string;
  readonly userId: string;
  readonly itemId: string;
  /** The code of the basket opened when the user has no open one in the sale. */
  readonly newCode: string;
  readonly at: Date;
}

/** Baskets and the log of checkout attempts (every attempt is kept, never deleted). */
export interface CheckoutStore {
  /**
   * Adds the item to the user's open basket in the sale (opening one when none is
   * open) and records the accepted attempt, in one transaction; the basket after it.
   */
  addToBasket(input: AddToBasket): Promise<Basket>;
  /** Records a refused attempt. */
  recordAttempt(attempt: CheckoutAttempt): Promise<void>;
  findBasket(code: string): Promise<Basket | undefined>;
  listAttempts(saleId: string, userId: string): Promise<CheckoutAttempt[]>;
}
