import * as amounts from '../assets/amounts';
import type { BookOrder } from '../book/book-order';
import type { OrderBook } from '../book/order-book';
import * as takers from './taker';
import type { Taker } from './taker';

// tsx runs this code as CommonJS, where every use of an imported name calls a getter on
// the exporting module; this hot path binds what it calls once, at load.
const { cost, minus, quotient } = amounts;
const { NO_FUNDS } = takers;

/**
 * Receives the consequences of matching. The matcher moves quantities and keeps
 * the book consistent; the listener does everything else (clearing, reporting).
 */
export interface MatchListener {
  /** One execution at the maker's price; `maker.remaining` is already reduced. */
  trade(maker: BookOrder, taker: Taker, lots: number, price: number): void;
  /** A maker was filled completely and has left the book. */
  makerFilled(maker: BookOrder): void;
  /** A maker of the taker's owner was taken off the book by self-trade prevention. */
  selfTradeCancelled(maker: BookOrder): void;
}

/**
 * Matches a taker against the opposite side in price-time priority, trading at
 * each maker's price, until the taker is filled, its limit or funds stop it, the
 * side is empty, or self-trade prevention stops it. Sets `taker.end`.
 */
export function matchTaker(book: OrderBook, taker: Taker, listener: MatchListener): void {
  const side = book.opposite(taker.side);
  const levels = side.levels;
  const buying = taker.side === 'buy';
  const byFunds = taker.funds !== NO_FUNDS;

  while (levels.length > 0) {
    const level = levels[levels.length - 1];
    const price = level.price;
    if (buying ? price > taker.limit : price < taker.limit) break;

    let wanted = taker.remaining;
    if (byFunds) {
      const affordable = quotient(taker.funds, cost(price, 1, taker.quotePerTickLot));
      if (affordable === 0) {
        taker.end = 'filled';
        return;
      }
      if (affordable < wanted) wanted = Number(affordable);
    }

    let maker = level.head;
    while (maker !== null && wanted > 0) {
      const next = maker.next;
      if (maker.owner === taker.owner) {
        if (taker.stp !== 'cancel_taker') {
          book.remove(maker);
          listener.selfTradeCancelled(maker);
        }
        if (taker.stp !== 'cancel_resting') {
          taker.end = 'self_trade';
          return;
        }
        maker = next;
        continue;
      }
      const lots = maker.remaining < wanted ? maker.remaining : wanted;
      maker.remaining -= lots;
      level.size -= lots;
      wanted -= lots;
      taker.remaining -= lots;
      if (byFunds) taker.funds = minus(taker.funds, cost(price, lots, taker.quotePerTickLot));
      listener.trade(maker, taker, lots, price);
      if (maker.remaining === 0) {
        book.remove(maker);
        listener.makerFilled(maker);
      }
      maker = next;
    }

    if (taker.remaining === 0 || taker.funds === 0) {
      taker.end = 'filled';
      return;
    }
  }
  taker.end = 'unmatched';
}

/**
 * Whether the taker could be filled completely right now (fill-or-kill), counting
 * only orders it would actually trade with under its self-trade rule. Walks no
 * more orders than the fill itself would touch.
 */
export function canFillCompletely(book: OrderBook, taker: Taker): boolean {
  const levels = book.opposite(taker.side).levels;
  const buying = taker.side === 'buy';
  let wanted = taker.remaining;
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    if (buying ? level.price > taker.limit : level.price < taker.limit) return false;
    for (let maker = level.head; maker !== null; maker = maker.next) {
      if (maker.owner === taker.owner) {
        if (taker.stp === 'cancel_resting') continue;
        return false;
      }
      wanted -= maker.remaining;
      if (wanted <= 0) return true;
    }
  }
  return false;
}
