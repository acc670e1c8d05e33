import type { Amount } from '../assets/amounts';
import type { Side } from '../book/book-order';

/**
 * What happens when a taker meets a resting order of the same owner:
 * `cancel_resting` cancels the resting order and keeps matching (the default),
 * `cancel_taker` stops the taker, `cancel_both` does both.
 */
export type SelfTradePrevention = 'cancel_resting' | 'cancel_taker' | 'cancel_both';

/** Why matching stopped. */
export type TakerEnd =
  /** Nothing left to trade: the size is filled, or the funds cannot buy one more lot. */
  | 'filled'
  /** The book ran out of orders at acceptable prices. */
  | 'unmatched'
  /** Self-trade prevention stopped the taker. */
  | 'self_trade';

/** Sentinel for "no funds limit". */
export const NO_FUNDS = -1;

/**
 * The incoming order while it trades. Mutable and reusable: the engine keeps one
 * and resets it per order instead of allocating.
 */
export class Taker {
  id = 0;
  owner = 0;
  side: Side = 'buy';
  /** Worst acceptable price in ticks: a ceiling for buys, a floor for sells. */
  limit = 0;
  /** Lots still wanted; `Number.MAX_SAFE_INTEGER` when only funds limit the order. */
  remaining = 0;
  /** Quote minor units still spendable, or NO_FUNDS when the size limits the order. */
  funds: Amount = NO_FUNDS;
  /** Quote minor units per lot per tick, needed to turn funds into lots. */
  quotePerTickLot: Amount = 1;
  stp: SelfTradePrevention = 'cancel_resting';
  end: TakerEnd = 'unmatched';

  /** A limit order, or a market order by size when `limit` is 0 (sell) / MAX_SAFE_INTEGER (buy). */
  bySize(id: number, owner: number, side: Side, limit: number, size: number, stp: SelfTradePrevention): this {
    this.id = id;
    this.owner = owner;
    this.side = side;
    this.limit = limit;
    this.remaining = size;
    this.funds = NO_FUNDS;
    this.stp = stp;
    this.end = 'unmatched';
    return this;
  }

  /** A market buy spending at most `funds` quote minor units. */
  byFunds(id: number, owner: number, funds: Amount, quotePerTickLot: Amount, stp: SelfTradePrevention): this {
    this.id = id;
    this.owner = owner;
    this.side = 'buy';
    this.limit = Number.MAX_SAFE_INTEGER;
    this.remaining = Number.MAX_SAFE_INTEGER;
    this.funds = funds;
    this.quotePerTickLot = quotePerTickLot;
    this.stp = stp;
    this.end = 'unmatched';
    return this;
  }
}
