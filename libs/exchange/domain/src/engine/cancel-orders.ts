import type { BookOrder } from '../book/book-order';
import type { CancelAllCommand, CancelOrderCommand } from '../commands/commands';
import * as clearing from './clearing';
import type { EngineState } from './engine-state';
import type { CommandResult } from '../events/exchange-events';

// tsx runs this code as CommonJS, where every use of an imported name calls a getter on
// the exporting module; this hot path binds what it calls once, at load.
const { releaseAndReport } = clearing;

/** Cancels one open order of the caller's. Another user's order is reported as not found, never as forbidden, so ids reveal nothing. */
export function cancelOrder(state: EngineState, command: CancelOrderCommand): CommandResult {
  const account = state.accounts.get(command.userId);
  const order = state.orders.get(command.orderId);
  if (account === undefined || order === undefined || order.owner !== account.index) {
    return state.reject('cancel_order', 'order_not_found', `no open order ${command.orderId}`);
  }
  cancelResting(state, order);
  return state.accept(order.id, 'cancel_order');
}

/** Cancels every open order of the caller's (in one product when given), oldest first. */
export function cancelAll(state: EngineState, command: CancelAllCommand): CommandResult {
  const productId = command.productId;
  if (productId !== undefined && !state.markets.has(productId)) {
    return state.reject('cancel_all', 'unknown_product', `unknown product ${productId}`);
  }
  const account = state.accounts.get(command.userId);
  let order = account === undefined ? null : account.ordersHead;
  while (order !== null) {
    const next = order.ownerNext;
    if (productId === undefined || order.book?.productId === productId) cancelResting(state, order);
    order = next;
  }
  return state.accept(null, 'cancel_all');
}

function cancelResting(state: EngineState, order: BookOrder): void {
  const book = order.book;
  if (book === null) throw new Error(`order ${order.id} is indexed but not on a book`);
  const market = state.markets.get(book.productId);
  if (market === undefined) throw new Error(`order ${order.id} rests on unknown product ${book.productId}`);
  book.remove(order);
  releaseAndReport(state, market, order, 'user');
}
