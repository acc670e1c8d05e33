import type { Account, Balance } from '../assets/account';
import * as amounts from '../assets/amounts';
import type { Amount } from '../assets/amounts';
import type { BookOrder } from '../book/book-order';
import type { MatchListener } from '../matching/match-taker';
import * as takers from '../matching/taker';
import type { Taker } from '../matching/taker';
import type { EngineState } from './engine-state';
import type { Market } from './market';
import type { CancelReason } from '../events/exchange-events';

// tsx runs this code as CommonJS, where every use of an imported name calls a getter on
// the exporting module; this hot path binds what it calls once, at load.
const { cost, feeOn, minus, plus, times, toBigint } = amounts;
const { NO_FUNDS } = takers;

/**
 * Settles each execution as the matcher reports it: the buyer's reserved quote
 * pays the seller, the seller's reserved base goes to the buyer, each side pays
 * its fee (maker or taker rate) out of what it receives into the fee account,
 * and a buy that fills below its limit gets the difference back at once.
 */
export class Clearing implements MatchListener {
  private market!: Market;
  private takerAccount!: Account;
  /** The taker's balance in the currency it pays with (where its hold sits). */
  private takerPaying!: Balance;
  /** The taker's balance in the currency it receives. */
  private takerReceiving!: Balance;
  takerFilled = 0;
  /** Engine amounts (see assets/amounts.ts). */
  takerValue: Amount = 0;
  takerFees: Amount = 0;

  constructor(private readonly state: EngineState) {}

  begin(market: Market, takerAccount: Account, paying: Balance): void {
    this.market = market;
    this.takerAccount = takerAccount;
    this.takerPaying = paying;
    this.takerReceiving = takerAccount.balance(paying.currency === market.quote ? market.base : market.quote);
    this.takerFilled = 0;
    this.takerValue = 0;
    this.takerFees = 0;
  }

  trade(maker: BookOrder, taker: Taker, lots: number, price: number): void {
    const state = this.state;
    const market = this.market;
    const product = market.product;
    const notional = cost(price, lots, product.quotePerTickLotAmount);
    const baseAmount = times(lots, product.lotAmount);
    const makerAccount = state.accountList[maker.owner];
    const paying = this.takerPaying;
    const receiving = this.takerReceiving;
    let makerFee: Amount;
    let takerFee: Amount;
    let makerPaying: Balance;
    let makerReceiving: Balance;

    if (taker.side === 'buy') {
      takerFee = feeOn(baseAmount, product.takerFeeRate);
      makerFee = feeOn(notional, product.makerFeeRate);
      if (taker.funds === NO_FUNDS) {
        // The hold was taken at the limit price; the fill may be cheaper.
        const reserved = cost(taker.limit, lots, product.quotePerTickLotAmount);
        paying.hold = minus(paying.hold, reserved);
        paying.available = plus(paying.available, minus(reserved, notional));
      } else {
        paying.hold = minus(paying.hold, notional);
      }
      receiving.available = plus(receiving.available, minus(baseAmount, takerFee));
      makerPaying = makerAccount.balance(market.base);
      makerPaying.hold = minus(makerPaying.hold, baseAmount);
      makerReceiving = makerAccount.balance(market.quote);
      makerReceiving.available = plus(makerReceiving.available, minus(notional, makerFee));
      market.base.fees = plus(market.base.fees, takerFee);
      market.quote.fees = plus(market.quote.fees, makerFee);
    } else {
      takerFee = feeOn(notional, product.takerFeeRate);
      makerFee = feeOn(baseAmount, product.makerFeeRate);
      paying.hold = minus(paying.hold, baseAmount);
      receiving.available = plus(receiving.available, minus(notional, takerFee));
      // A resting buy reserved exactly its own price, which is the trade price.
      makerPaying = makerAccount.balance(market.quote);
      makerPaying.hold = minus(makerPaying.hold, notional);
      makerReceiving = makerAccount.balance(market.base);
      makerReceiving.available = plus(makerReceiving.available, minus(baseAmount, makerFee));
      market.quote.fees = plus(market.quote.fees, takerFee);
      market.base.fees = plus(market.base.fees, makerFee);
    }

    maker.executedValue = plus(maker.executedValue, notional);
    maker.fees = plus(maker.fees, makerFee);
    this.takerFilled += lots;
    this.takerValue = plus(this.takerValue, notional);
    this.takerFees = plus(this.takerFees, takerFee);

    state.touchBalance(paying);
    state.touchBalance(receiving);
    state.touchBalance(makerPaying);
    state.touchBalance(makerReceiving);
    if (maker.level !== null) state.touchLevel(maker.level, product.id);
    const tradeId = state.nextTradeId++;
    if (state.reporting)
      state.events.push({
        type: 'trade',
        tradeId,
        productId: product.id,
        price,
        size: lots,
        quoteAmount: toBigint(notional),
        side: taker.side,
        makerOrderId: maker.id,
        takerOrderId: taker.id,
        makerUserId: makerAccount.userId,
        takerUserId: this.takerAccount.userId,
        makerFee: toBigint(makerFee),
        takerFee: toBigint(takerFee),
        time: state.time,
      });
  }

  makerFilled(maker: BookOrder): void {
    const account = this.state.accountList[maker.owner];
    account.unlinkOrder(maker);
    emitDone(this.state, this.market, account, maker, 'filled', null);
  }

  selfTradeCancelled(maker: BookOrder): void {
    releaseAndReport(this.state, this.market, maker, 'self_trade');
  }
}

/**
 * For an order already taken off its book: gives back what it still reserved,
 * drops it from its owner's list and reports it cancelled.
 */
export function releaseAndReport(state: EngineState, market: Market, order: BookOrder, reason: CancelReason): void {
  const account = state.accountList[order.owner];
  const balance = account.balance(market.holdCurrency(order));
  balance.release(market.reserved(order));
  state.touchBalance(balance);
  if (order.level !== null) state.touchLevel(order.level, market.product.id);
  account.unlinkOrder(order);
  emitDone(state, market, account, order, 'cancelled', reason);
}

function emitDone(
  state: EngineState,
  market: Market,
  account: Account,
  order: BookOrder,
  reason: 'filled' | 'cancelled',
  cancelReason: CancelReason | null,
): void {
  if (state.reporting)
    state.events.push({
      type: 'order_done',
      orderId: order.id,
      userId: account.userId,
      productId: market.product.id,
      side: order.side,
      reason,
      cancelReason,
      filledSize: order.size - order.remaining,
      remainingSize: order.remaining,
      executedValue: toBigint(order.executedValue),
      fillFees: toBigint(order.fees),
      time: state.time,
    });
}
