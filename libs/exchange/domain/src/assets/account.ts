import type { BookOrder } from '../book/book-order';
import * as amounts from './amounts';
import type { Amount } from './amounts';
import type { Currency } from './currency';

// tsx runs this code as CommonJS, where every use of an imported name calls a getter on
// the exporting module; this hot path binds what it calls once, at load.
const { minus, plus } = amounts;

/** One user's funds in one currency: `hold` is reserved by open orders, `available` is the rest. */
export class Balance {
  /** Minor units, as engine amounts (number while safe, see amounts.ts). */
  available: Amount = 0;
  hold: Amount = 0;
  /** Sequence of the last command that reported this balance; lets the engine report it once per command. */
  reportedAt = 0;

  constructor(
    readonly account: Account,
    readonly currency: Currency,
  ) {}

  /** Moves `amount` from available to hold; the caller has checked it is available. */
  reserve(amount: Amount): void {
    this.available = minus(this.available, amount);
    this.hold = plus(this.hold, amount);
  }

  /** Moves `amount` back from hold to available. */
  release(amount: Amount): void {
    this.hold = minus(this.hold, amount);
    this.available = plus(this.available, amount);
  }
}

/**
 * A user as the engine sees it: balances by currency index and the user's open
 * orders as an intrusive list in id order (orders join when they rest, and ids
 * grow with the sequence), which makes "cancel all" deterministic without sorting.
 */
export class Account {
  private readonly balances: (Balance | undefined)[] = [];
  ordersHead: BookOrder | null = null;
  ordersTail: BookOrder | null = null;
  openOrders = 0;

  constructor(
    /** Position in the engine's account list; resting orders refer to their owner by it. */
    readonly index: number,
    readonly userId: string,
  ) {}

  balance(currency: Currency): Balance {
    const existing = this.balances[currency.index];
    if (existing !== undefined) return existing;
    const balance = new Balance(this, currency);
    while (this.balances.length < currency.index) this.balances.push(undefined);
    this.balances[currency.index] = balance;
    return balance;
  }

  existingBalance(currency: Currency): Balance | undefined {
    return this.balances[currency.index];
  }

  /** Balances in currency-index order. */
  allBalances(): Balance[] {
    return this.balances.filter((balance): balance is Balance => balance !== undefined);
  }

  linkOrder(order: BookOrder): void {
    order.ownerPrev = this.ordersTail;
    order.ownerNext = null;
    if (this.ordersTail === null) this.ordersHead = order;
    else this.ordersTail.ownerNext = order;
    this.ordersTail = order;
    this.openOrders += 1;
  }

  unlinkOrder(order: BookOrder): void {
    if (order.ownerPrev === null) this.ordersHead = order.ownerNext;
    else order.ownerPrev.ownerNext = order.ownerNext;
    if (order.ownerNext === null) this.ordersTail = order.ownerPrev;
    else order.ownerNext.ownerPrev = order.ownerPrev;
    order.ownerPrev = null;
    order.ownerNext = null;
    this.openOrders -= 1;
  }
}
