import type { Balance } from '../assets/account';
import * as amounts from '../assets/amounts';
import type { Amount } from '../assets/amounts';
import { BookOrder } from '../book/book-order';
import type { PlaceOrderCommand } from '../commands/commands';
import * as matching from '../matching/match-taker';
import * as takers from '../matching/taker';
import type { Clearing } from './clearing';
import type { EngineState } from './engine-state';
import type { CommandResult } from '../events/exchange-events';

// tsx runs this code as CommonJS, where every use of an imported name calls a getter on
// the exporting module; this hot path binds what it calls once, at load.
const { amountOf, cost, times, toBigint } = amounts;
const { canFillCompletely, matchTaker } = matching;
const { NO_FUNDS } = takers;

const MAX_LOTS = Number.MAX_SAFE_INTEGER;

/**
 * Places an order: every check first (so a rejection changes nothing), then the
 * hold, matching with clearing, and finally resting the remainder (GTC) or
 * releasing what it no longer needs (IOC, FOK, market, self-trade stop).
 */
export function placeOrder(state: EngineState, clearing: Clearing, command: PlaceOrderCommand): CommandResult {
  const market = state.markets.get(command.productId);
  if (market === undefined) return state.reject('place_order', 'unknown_product', `unknown product ${command.productId}`);
  const product = market.product;
  const buying = command.side === 'buy';
  const timeInForce = command.timeInForce ?? 'GTC';
  const postOnly = command.postOnly === true;
  const limit = command.orderType === 'limit';

  let price = 0;
  let size = 0;
  let funds: Amount = NO_FUNDS;
  let hold: Amount;
  if (limit) {
    if (!isLots(command.price) || !isLots(command.size) || command.funds !== undefined) {
      return state.reject('place_order', 'invalid_order', 'a limit order needs a positive integer price (ticks) and size (lots)');
    }
    if (postOnly && timeInForce !== 'GTC') return state.reject('place_order', 'invalid_order', 'only a GTC order can be post-only');
    price = command.price;
    size = command.size;
    const sizeProblem = checkSize(size, product.minLots, product.maxLots);
    if (sizeProblem !== null) return state.reject('place_order', sizeProblem, `size must be between ${product.spec.minSize} and ${product.spec.maxSize}`);
    hold = buying ? cost(price, size, product.quotePerTickLotAmount) : times(size, product.lotAmount);
  } else {
    if (command.price !== undefined || postOnly || (command.timeInForce !== undefined && command.timeInForce !== 'IOC')) {
      return state.reject('place_order', 'invalid_order', 'a market order has no price, time in force or post-only flag');
    }
    if (buying) {
      if (typeof command.funds !== 'bigint' || command.funds <= 0n || command.size !== undefined) {
        return state.reject('place_order', 'invalid_order', 'a market buy needs positive funds and no size');
      }
      funds = amountOf(command.funds);
      if (funds < product.minFundsAmount) return state.reject('place_order', 'funds_too_small', `funds must be at least ${product.spec.minFunds}`);
      if (funds > product.maxFundsAmount) return state.reject('place_order', 'funds_too_large', `funds must be at most ${product.spec.maxFunds}`);
      hold = funds;
    } else {
      if (!isLots(command.size) || command.funds !== undefined)
        return state.reject('place_order', 'invalid_order', 'a market sell needs a positive integer size (lots) and no funds');
      size = command.size;
      const sizeProblem = checkSize(size, product.minLots, product.maxLots);
      if (sizeProblem !== null) return state.reject('place_order', sizeProblem, `size must be between ${product.spec.minSize} and ${product.spec.maxSize}`);
      hold = times(size, product.lotAmount);
    }
  }

  const paying = buying ? market.quote : market.base;
  const account = state.accounts.get(command.userId);
  const balance: Balance | undefined = account?.existingBalance(paying);
  if (account === undefined || balance === undefined || balance.available < hold) {
    return state.reject('place_order', 'insufficient_funds', `insufficient ${paying.code} available`);
  }

  const book = market.book;
  if (postOnly) {
    const best = book.opposite(command.side).best();
    if (best !== undefined && (buying ? best.price <= price : best.price >= price)) {
      return state.reject('place_order', 'post_only_would_take', 'a post-only order would trade on arrival');
    }
  }

  const taker = state.taker;
  const stp = command.stp ?? 'cancel_resting';
  if (limit) taker.bySize(state.seq, account.index, command.side, price, size, stp);
  else if (buying) taker.byFunds(state.seq, account.index, funds, product.quotePerTickLotAmount, stp);
  else taker.bySize(state.seq, account.index, 'sell', 0, size, stp);

  if (timeInForce === 'FOK' && !canFillCompletely(book, taker)) {
    return state.reject('place_order', 'fok_not_fillable', 'the book cannot fill the whole size at the limit price now');
  }
  const resting = limit && timeInForce === 'GTC';
  if (resting) {
    // Level totals are safe integers; refuse the (absurd) order that could overflow one.
    const level = book.own(command.side).level(price);
    if (level !== undefined && level.size > MAX_LOTS - size) return state.reject('place_order', 'size_too_large', 'the price level cannot hold more size');
  }

  balance.reserve(hold);
  state.touchBalance(balance);
  if (state.reporting)
    state.events.push({
      type: 'order_received',
      orderId: state.seq,
      userId: account.userId,
      productId: product.id,
      side: command.side,
      orderType: command.orderType,
      timeInForce: limit ? timeInForce : 'IOC',
      postOnly,
      price: limit ? price : null,
      size: limit || !buying ? size : null,
      funds: limit || !buying ? null : toBigint(funds),
      ref: state.ref,
      time: state.time,
    });

  clearing.begin(market, account, balance);
  matchTaker(book, taker, clearing);

  if (resting && taker.end === 'unmatched') {
    const order = new BookOrder(state.seq, account.index, command.side, price, size, state.time, command.ref);
    order.remaining = taker.remaining;
    order.executedValue = clearing.takerValue;
    order.fees = clearing.takerFees;
    book.add(order);
    account.linkOrder(order);
    if (order.level !== null) state.touchLevel(order.level, product.id);
    if (state.reporting)
      state.events.push({
        type: 'order_open',
        orderId: order.id,
        userId: account.userId,
        productId: product.id,
        side: order.side,
        price,
        remainingSize: order.remaining,
        time: state.time,
      });
    return state.accept(order.id, 'place_order');
  }

  const remaining = limit || !buying ? taker.remaining : 0;
  const leftover = !limit && buying ? taker.funds : buying ? cost(price, remaining, product.quotePerTickLotAmount) : times(remaining, product.lotAmount);
  if (leftover > 0) balance.release(leftover);
  // A market buy whose funds could not pay for a single lot ends "filled" in the matcher's terms, having bought nothing.
  const filled = taker.end === 'filled' && clearing.takerFilled > 0;
  if (state.reporting)
    state.events.push({
      type: 'order_done',
      orderId: state.seq,
      userId: account.userId,
      productId: product.id,
      side: command.side,
      reason: filled ? 'filled' : 'cancelled',
      cancelReason: filled ? null : taker.end === 'self_trade' ? 'self_trade' : 'not_filled',
      filledSize: clearing.takerFilled,
      remainingSize: remaining,
      executedValue: toBigint(clearing.takerValue),
      fillFees: toBigint(clearing.takerFees),
      time: state.time,
    });
  return state.accept(state.seq, 'place_order');
}

function isLots(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function checkSize(size: number, minLots: number, maxLots: number): 'size_too_small' | 'size_too_large' | null {
  if (size < minLots) return 'size_too_small';
  if (size > maxLots) return 'size_too_large';
  return null;
}
