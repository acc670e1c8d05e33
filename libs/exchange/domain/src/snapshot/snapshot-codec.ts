import { createHash } from 'node:crypto';
import type { ProductSpec } from '../product/product';
import type { EngineSnapshot, SnapshotAccount, SnapshotAttachment, SnapshotBook, SnapshotCurrency, SnapshotOrder } from './engine-snapshot';

/**
 * The snapshot's byte form: JSON with bigints as decimal strings and orders as
 * compact tuples. The encoding is canonical (fixed key order, lists in engine
 * order), so equal states encode to equal bytes and hash alike.
 */

type OrderTuple = [number, number, 'b' | 's', number, number, number, string, string, number, string | null];

export function encodeSnapshot(snapshot: EngineSnapshot): string {
  const text = encodeEngineState(snapshot);
  return snapshot.attachment === undefined ? text : `${text.slice(0, -1)},"attachment":${JSON.stringify(snapshot.attachment)}}`;
}

/** The engine's part of a snapshot, canonical: what the state hash covers. */
function encodeEngineState(snapshot: EngineSnapshot): string {
  return JSON.stringify({
    version: snapshot.version,
    seq: snapshot.seq,
    nextTradeId: snapshot.nextTradeId,
    currencies: snapshot.currencies.map((c) => [c.code, c.scale, c.deposited.toString(), c.withdrawn.toString(), c.fees.toString()]),
    products: snapshot.products.map(productTuple),
    accounts: snapshot.accounts.map((a) => [a.userId, a.balances.map((b) => [b.currency, b.available.toString(), b.hold.toString()])]),
    books: snapshot.books.map((book) => [book.productId, book.orders.map(orderTuple)]),
  });
}

export function decodeSnapshot(text: string): EngineSnapshot {
  const body = JSON.parse(text) as Record<string, unknown>;
  if (body === null || typeof body !== 'object' || body['version'] !== 1) throw new Error('not a version 1 engine snapshot');
  const snapshot: EngineSnapshot = {
    version: 1,
    seq: integer(body['seq'], 'seq'),
    nextTradeId: integer(body['nextTradeId'], 'nextTradeId'),
    currencies: list(body['currencies'], 'currencies').map(currency),
    products: list(body['products'], 'products').map(product),
    accounts: list(body['accounts'], 'accounts').map(account),
    books: list(body['books'], 'books').map(book),
  };
  const attachment = body['attachment'];
  if (attachment !== undefined) {
    if (attachment === null || typeof attachment !== 'object' || Array.isArray(attachment)) throw new Error('snapshot attachment is not an object');
    snapshot.attachment = attachment as SnapshotAttachment;
  }
  return snapshot;
}

/** SHA-256 of the canonical encoding, hex. */
export function hashSnapshot(snapshot: EngineSnapshot): string {
  return createHash('sha256').update(encodeEngineState(snapshot)).digest('hex');
}

const PRODUCT_FIELDS = [
  'id',
  'baseCurrency',
  'quoteCurrency',
  'baseScale',
  'quoteScale',
  'tickSize',
  'stepSize',
  'minSize',
  'maxSize',
  'minFunds',
  'maxFunds',
  'makerFee',
  'takerFee',
] as const satisfies readonly (keyof ProductSpec)[];

function productTuple(spec: ProductSpec): unknown[] {
  return PRODUCT_FIELDS.map((field) => spec[field]);
}

function product(value: unknown): ProductSpec {
  const tuple = list(value, 'product');
  if (tuple.length !== PRODUCT_FIELDS.length) throw new Error('snapshot product has the wrong shape');
  return Object.fromEntries(PRODUCT_FIELDS.map((field, i) => [field, tuple[i]])) as unknown as ProductSpec;
}

function orderTuple(order: SnapshotOrder): OrderTuple {
  return [
    order.id,
    order.owner,
    order.side === 'buy' ? 'b' : 's',
    order.price,
    order.size,
    order.remaining,
    order.executedValue.toString(),
    order.fees.toString(),
    order.time,
    order.ref,
  ];
}

function currency(value: unknown): SnapshotCurrency {
  const [code, scale, deposited, withdrawn, fees] = list(value, 'currency');
  return { code: text(code, 'currency code'), scale: integer(scale, 'currency scale'), deposited: big(deposited), withdrawn: big(withdrawn), fees: big(fees) };
}

function account(value: unknown): SnapshotAccount {
  const [userId, balances] = list(value, 'account');
  return {
    userId: text(userId, 'userId'),
    balances: list(balances, 'balances').map((entry) => {
      const [code, available, hold] = list(entry, 'balance');
      return { currency: text(code, 'balance currency'), available: big(available), hold: big(hold) };
    }),
  };
}

function book(value: unknown): SnapshotBook {
  const [productId, orders] = list(value, 'book');
  return {
    productId: text(productId, 'book productId'),
    orders: list(orders, 'orders').map((entry) => {
      const [id, owner, side, price, size, remaining, executedValue, fees, time, ref] = list(entry, 'order');
      if (side !== 'b' && side !== 's') throw new Error('snapshot order has no side');
      return {
        id: integer(id, 'order id'),
        owner: integer(owner, 'order owner'),
        side: side === 'b' ? 'buy' : 'sell',
        price: integer(price, 'order price'),
        size: integer(size, 'order size'),
        remaining: integer(remaining, 'order remaining'),
        executedValue: big(executedValue),
        fees: big(fees),
        time: integer(time, 'order time'),
        ref: ref === null ? null : text(ref, 'order ref'),
      };
    }),
  };
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`snapshot ${what} is not a list`);
  return value;
}

function integer(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Error(`snapshot ${what} is not a non-negative integer`);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`snapshot ${what} is not a string`);
  return value;
}

function big(value: unknown): bigint {
  if (typeof value !== 'string' || !/^-?[0-9]+$/.test(value)) throw new Error('snapshot amount is not an integer string');
  return BigInt(value);
}
