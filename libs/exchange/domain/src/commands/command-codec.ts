import { invalid } from '@mosaic/kit-core';
import type { ProductSpec } from '../product/product';
import type { ExchangeCommand, JournalRecord, PlaceOrderCommand } from './commands';

/**
 * Structural validation and the JSON form of commands. A command that passes
 * `parseCommand` is well-formed; whether it can be executed (funds, product,
 * limits) is the engine's call, made deterministically at apply time. Bigints
 * travel as decimal strings.
 */

/** The shapes of a command's fields, shared with the engine's own guard. */
export const MAX_TEXT = 128;
export const USER_ID = /^[!-~]{1,64}$/;
export const CURRENCY_CODE = /^[A-Z0-9]{1,16}$/;
export const PRODUCT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const INTEGER = /^[1-9][0-9]{0,59}$/;

type Json = Record<string, unknown>;

/** Reads an untrusted value into a command; throws an `invalid` AppError naming the field. */
export function parseCommand(input: unknown): ExchangeCommand {
  const body = asObject(input, 'command');
  const ref = optionalText(body, 'ref');
  const base = ref === undefined ? {} : { ref };
  switch (body['type']) {
    case 'put_product':
      return { type: 'put_product', ...base, product: productSpec(body['product']) };
    case 'deposit':
    case 'withdraw':
      return {
        type: body['type'],
        ...base,
        userId: userId(body),
        currency: matching(body, 'currency', CURRENCY_CODE, 'a currency code such as "USDT"'),
        amount: positiveBigint(body, 'amount'),
      };
    case 'place_order':
      return { ...base, ...placeOrder(body) };
    case 'cancel_order':
      return { type: 'cancel_order', ...base, userId: userId(body), orderId: positiveInteger(body, 'orderId') };
    case 'cancel_all': {
      const productId = body['productId'] === undefined ? undefined : matching(body, 'productId', PRODUCT_ID, 'a product id');
      return productId === undefined ? { type: 'cancel_all', ...base, userId: userId(body) } : { type: 'cancel_all', ...base, userId: userId(body), productId };
    }
    default:
      throw fieldError('type', 'must be one of put_product, deposit, withdraw, place_order, cancel_order, cancel_all');
  }
}

function placeOrder(body: Json): PlaceOrderCommand {
  const side = oneOf(body, 'side', ['buy', 'sell'] as const);
  const orderType = oneOf(body, 'orderType', ['limit', 'market'] as const);
  const command: PlaceOrderCommand = {
    type: 'place_order',
    userId: userId(body),
    productId: matching(body, 'productId', PRODUCT_ID, 'a product id'),
    side,
    orderType,
  };
  if (orderType === 'limit') {
    command.price = positiveInteger(body, 'price');
    command.size = positiveInteger(body, 'size');
    forbid(body, 'funds', 'a limit order has a price and a size, not funds');
    command.timeInForce = body['timeInForce'] === undefined ? 'GTC' : oneOf(body, 'timeInForce', ['GTC', 'IOC', 'FOK'] as const);
    if (body['postOnly'] !== undefined) {
      if (typeof body['postOnly'] !== 'boolean') throw fieldError('postOnly', 'must be a boolean');
      if (body['postOnly'] && command.timeInForce !== 'GTC') throw fieldError('postOnly', 'only a GTC order can be post-only');
      command.postOnly = body['postOnly'];
    }
  } else {
    forbid(body, 'price', 'a market order has no price');
    forbid(body, 'timeInForce', 'a market order fills immediately or not at all');
    if (body['postOnly'] === true) throw fieldError('postOnly', 'a market order cannot be post-only');
    if (side === 'sell') {
      command.size = positiveInteger(body, 'size');
      forbid(body, 'funds', 'a market sell is sized, not funded');
    } else {
      command.funds = positiveBigint(body, 'funds');
      forbid(body, 'size', 'a market buy spends funds; give funds instead of size');
    }
  }
  if (body['stp'] !== undefined) command.stp = oneOf(body, 'stp', ['cancel_resting', 'cancel_taker', 'cancel_both'] as const);
  return command;
}

function productSpec(input: unknown): ProductSpec {
  const body = asObject(input, 'product');
  const text = (field: keyof ProductSpec) => {
    const value = body[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > 64) throw fieldError(`product.${field}`, 'must be a non-empty string');
    return value;
  };
  const scale = (field: 'baseScale' | 'quoteScale') => {
    const value = body[field];
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 18) throw fieldError(`product.${field}`, 'must be an integer in [0, 18]');
    return value as number;
  };
  return {
    id: text('id'),
    baseCurrency: text('baseCurrency'),
    quoteCurrency: text('quoteCurrency'),
    baseScale: scale('baseScale'),
    quoteScale: scale('quoteScale'),
    tickSize: text('tickSize'),
    stepSize: text('stepSize'),
    minSize: text('minSize'),
    maxSize: text('maxSize'),
    minFunds: text('minFunds'),
    maxFunds: text('maxFunds'),
    makerFee: text('makerFee'),
    takerFee: text('takerFee'),
  };
}

/** The JSON-safe form of a command (bigints as decimal strings). */
export function commandToJson(command: ExchangeCommand): Json {
  switch (command.type) {
    case 'deposit':
    case 'withdraw':
      return { ...command, amount: command.amount.toString() };
    case 'place_order':
      return command.funds === undefined ? { ...command } : { ...command, funds: command.funds.toString() };
    default:
      return { ...command };
  }
}

/** One journal record as a JSON line; the inverse of `deserializeRecord`. */
export function serializeRecord(record: JournalRecord): string {
  return JSON.stringify({ seq: record.seq, time: record.time, command: commandToJson(record.command) });
}

export function deserializeRecord(text: string): JournalRecord {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw invalid('invalid_record', 'journal record is not JSON', { cause: error });
  }
  const record = asObject(body, 'record');
  return { seq: positiveInteger(record, 'seq'), time: nonNegativeInteger(record, 'time'), command: parseCommand(record['command']) };
}

function asObject(input: unknown, path: string): Json {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw fieldError(path, 'must be an object');
  return input as Json;
}

function userId(body: Json): string {
  return matching(body, 'userId', USER_ID, 'a user id of 1–64 printable ASCII characters');
}

function matching(body: Json, field: string, pattern: RegExp, expected: string): string {
  const value = body[field];
  if (typeof value !== 'string' || !pattern.test(value)) throw fieldError(field, `must be ${expected}`);
  return value;
}

function optionalText(body: Json, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) throw fieldError(field, `must be a string of 1–${MAX_TEXT} characters`);
  return value;
}

function oneOf<T extends string>(body: Json, field: string, values: readonly T[]): T {
  const value = body[field];
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) throw fieldError(field, `must be one of ${values.join(', ')}`);
  return value as T;
}

function positiveInteger(body: Json, field: string): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) throw fieldError(field, 'must be a positive integer');
  return value;
}

function nonNegativeInteger(body: Json, field: string): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw fieldError(field, 'must be a non-negative integer');
  return value;
}

function positiveBigint(body: Json, field: string): bigint {
  const value = body[field];
  if (typeof value === 'bigint' && value > 0n) return value;
  if (typeof value === 'string' && INTEGER.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return BigInt(value);
  throw fieldError(field, 'must be a positive integer amount of minor units');
}

function forbid(body: Json, field: string, why: string): void {
  if (body[field] !== undefined) throw fieldError(field, why);
}

function fieldError(path: string, message: string) {
  return invalid('invalid_command', `${path} ${message}`, { details: [{ path, message }] });
}
