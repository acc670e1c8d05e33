import type { RejectReason } from '../errors/exchange-errors';
import type { CommandType } from './commands';
import { MAX_TEXT } from './command-codec';
import * as shapes from './field-shapes';

// tsx runs this code as CommonJS, where every use of an imported name calls a getter on
// the exporting module; this hot path binds what it calls once, at load.
const { isCurrencyCode, isProductId, isUserId } = shapes;

/** What is wrong with a command, in the engine's terms. */
export interface CommandProblem {
  reason: RejectReason;
  message: string;
}

/** Amounts above this are not money but a damaged or hostile record (2^127 minor units). */
const MAX_AMOUNT = 1n << 127n;

type Fields = Record<string, unknown>;

/**
 * The engine's own check of a command's fields, before it touches any state.
 * Commands are validated at the edge (`parseCommand`), but the engine also
 * replays whatever a journal holds, so it checks again rather than trust its
 * input: a malformed command becomes a rejection, never an exception, and the
 * engine keeps going. Cheap on purpose (no allocation on the valid path): it runs
 * for every command on the hot path and on replay.
 */
export function commandProblem(command: unknown): CommandProblem | null {
  if (command === null || typeof command !== 'object') return problem('invalid_command', 'a command must be an object');
  const body = command as Fields;
  const type = body['type'];
  if (!isCommandType(type)) return problem('invalid_command', 'unknown command type');
  const ref = body['ref'];
  if (ref !== undefined && (typeof ref !== 'string' || ref.length === 0 || ref.length > MAX_TEXT)) {
    return problem('invalid_command', `ref must be a string of 1–${MAX_TEXT} characters`);
  }
  switch (type) {
    case 'put_product':
      return body['product'] !== null && typeof body['product'] === 'object' ? null : problem('invalid_product', 'product must be an object');
    case 'deposit':
    case 'withdraw':
      return (
        userProblem(body) ?? textProblem(body, 'currency', isCurrencyCode, 'unknown_currency') ?? amountProblem(body['amount'], 'amount', 'invalid_amount')
      );
    case 'cancel_order':
      return userProblem(body) ?? (isCount(body['orderId']) ? null : problem('order_not_found', 'orderId must be a positive integer'));
    case 'cancel_all':
      return userProblem(body) ?? (body['productId'] === undefined ? null : textProblem(body, 'productId', isProductId, 'unknown_product'));
    default:
      return userProblem(body) ?? orderProblem(body);
  }
}

export function isCommandType(value: unknown): value is CommandType {
  switch (value) {
    case 'place_order':
    case 'cancel_order':
    case 'deposit':
    case 'withdraw':
    case 'cancel_all':
    case 'put_product':
      return true;
    default:
      return false;
  }
}

/** The sequencer stamps time in epoch milliseconds; anything else is a damaged record. */
export function timeProblem(time: unknown): CommandProblem | null {
  return typeof time === 'number' && Number.isSafeInteger(time) && time >= 0
    ? null
    : problem('invalid_command', 'time must be a non-negative integer of milliseconds');
}

function orderProblem(body: Fields): CommandProblem | null {
  const productProblem = textProblem(body, 'productId', isProductId, 'unknown_product');
  if (productProblem !== null) return productProblem;
  if (body['side'] !== 'buy' && body['side'] !== 'sell') return problem('invalid_order', 'side must be buy or sell');
  if (body['orderType'] !== 'limit' && body['orderType'] !== 'market') return problem('invalid_order', 'orderType must be limit or market');
  if (body['price'] !== undefined && !isCount(body['price'])) return problem('invalid_order', 'price must be a positive integer');
  if (body['size'] !== undefined && !isCount(body['size'])) return problem('invalid_order', 'size must be a positive integer');
  if (body['funds'] !== undefined) {
    const fundsProblem = amountProblem(body['funds'], 'funds', 'invalid_order');
    if (fundsProblem !== null) return fundsProblem;
  }
  const tif = body['timeInForce'];
  if (tif !== undefined && tif !== 'GTC' && tif !== 'IOC' && tif !== 'FOK') return problem('invalid_order', 'timeInForce must be GTC, IOC or FOK');
  if (body['postOnly'] !== undefined && typeof body['postOnly'] !== 'boolean') return problem('invalid_order', 'postOnly must be a boolean');
  const stp = body['stp'];
  if (stp !== undefined && stp !== 'cancel_resting' && stp !== 'cancel_taker' && stp !== 'cancel_both') {
    return problem('invalid_order', 'stp must be cancel_resting, cancel_taker or cancel_both');
  }
  return null;
}

function userProblem(body: Fields): CommandProblem | null {
  return textProblem(body, 'userId', isUserId, 'invalid_command');
}

function textProblem(body: Fields, field: string, wellFormed: (value: unknown) => boolean, reason: RejectReason): CommandProblem | null {
  return wellFormed(body[field]) ? null : problem(reason, `${field} is missing or malformed`);
}

function amountProblem(value: unknown, field: string, reason: RejectReason): CommandProblem | null {
  return typeof value === 'bigint' && value > 0n && value < MAX_AMOUNT ? null : problem(reason, `${field} must be a positive number of minor units`);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function problem(reason: RejectReason, message: string): CommandProblem {
  return { reason, message };
}
