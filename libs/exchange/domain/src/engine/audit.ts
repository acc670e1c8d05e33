import { amountOf, toBigint, type Amount } from '../assets/amounts';
import type { EngineState } from './engine-state';

/**
 * Recomputes from scratch what the engine maintains incrementally and reports
 * any disagreement: conservation per currency, non-negative balances, holds
 * equal to what open orders reserve, books uncrossed and consistent with the
 * order index and the owners' lists. Used after a restore, and by tests.
 */
export function auditState(state: EngineState): string[] {
  const problems: string[] = [];
  const currencies = state.currencyList;
  const held = state.accountList.map(() => currencies.map(() => 0n));
  let indexed = 0;

  for (const market of state.marketList) {
    const book = market.book;
    for (const side of [book.bids, book.asks]) {
      let previous: number | undefined;
      for (const level of side.levels) {
        if (previous !== undefined && (side.side === 'buy' ? level.price <= previous : level.price >= previous)) {
          problems.push(`${market.product.id} ${side.side} levels out of order at ${level.price}`);
        }
        previous = level.price;
        let size = 0;
        let count = 0;
        for (let order = level.head; order !== null; order = order.next) {
          size += order.remaining;
          count += 1;
          indexed += 1;
          if (order.remaining <= 0 || order.remaining > order.size) problems.push(`order ${order.id} has remaining ${order.remaining} of ${order.size}`);
          if (order.price !== level.price || order.side !== side.side || order.level !== level) problems.push(`order ${order.id} is on the wrong level`);
          if (state.orders.get(order.id) !== order || order.book !== book) problems.push(`order ${order.id} is missing from the index`);
          const owner = held[order.owner];
          if (owner === undefined) problems.push(`order ${order.id} has unknown owner ${order.owner}`);
          else owner[market.holdCurrency(order).index] += toBigint(market.reserved(order));
          if (!isCanonical(order.executedValue) || !isCanonical(order.fees)) problems.push(`order ${order.id} holds a non-canonical amount`);
        }
        if (count === 0) problems.push(`${market.product.id} has an empty ${side.side} level at ${level.price}`);
        if (size !== level.size || count !== level.count)
          problems.push(`${market.product.id} ${side.side} level ${level.price} totals ${level.size}/${level.count}, orders sum to ${size}/${count}`);
      }
    }
    const bid = book.bestBid();
    const ask = book.bestAsk();
    if (bid !== undefined && ask !== undefined && bid >= ask) problems.push(`${market.product.id} is crossed: bid ${bid} ≥ ask ${ask}`);
  }
  if (indexed !== state.orders.size) problems.push(`order index holds ${state.orders.size} orders, books hold ${indexed}`);

  const totals = currencies.map(() => 0n);
  for (const account of state.accountList) {
    let listed = 0;
    let lastId = 0;
    for (let order = account.ordersHead; order !== null; order = order.ownerNext) {
      listed += 1;
      if (order.owner !== account.index || order.book === null) problems.push(`order ${order.id} is wrongly listed for ${account.userId}`);
      if (order.id <= lastId) problems.push(`${account.userId}'s orders are out of id order at ${order.id}`);
      lastId = order.id;
    }
    if (listed !== account.openOrders) problems.push(`${account.userId} lists ${listed} orders but counts ${account.openOrders}`);
    for (const balance of account.allBalances()) {
      const i = balance.currency.index;
      if (!isCanonical(balance.available) || !isCanonical(balance.hold)) problems.push(`${account.userId} ${balance.currency.code} is not a canonical amount`);
      if (balance.available < 0 || balance.hold < 0)
        problems.push(`${account.userId} ${balance.currency.code} is negative: ${balance.available}/${balance.hold}`);
      if (toBigint(balance.hold) !== held[account.index][i])
        problems.push(`${account.userId} holds ${balance.hold} ${balance.currency.code}, orders reserve ${held[account.index][i]}`);
      totals[i] += toBigint(balance.available) + toBigint(balance.hold);
    }
    for (let i = 0; i < currencies.length; i++) {
      if (account.existingBalance(currencies[i]) === undefined && held[account.index][i] !== 0n) {
        problems.push(`${account.userId} has orders reserving ${currencies[i].code} without a balance`);
      }
    }
  }
  for (const currency of currencies) {
    if (![currency.deposited, currency.withdrawn, currency.fees].every(isCanonical)) problems.push(`${currency.code} totals are not canonical amounts`);
    const expected = toBigint(currency.deposited) - toBigint(currency.withdrawn);
    const actual = totals[currency.index] + toBigint(currency.fees);
    if (actual !== expected) problems.push(`${currency.code} is not conserved: balances + fees = ${actual}, deposits − withdrawals = ${expected}`);
    if (currency.fees < 0) problems.push(`${currency.code} fees are negative`);
  }
  return problems;
}

/** Whether an engine amount is in its canonical form: a safe integer as a number, anything larger as a bigint. */
function isCanonical(amount: Amount): boolean {
  return typeof amount === 'number' ? Number.isSafeInteger(amount) && !Object.is(amount, -0) : amountOf(amount) === amount;
}
