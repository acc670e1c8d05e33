import { amountOf, toBigint } from '../assets/amounts';
import { BookOrder, type Side } from '../book/book-order';
import { EngineState } from '../engine/engine-state';
import { Market } from '../engine/market';
import { Product, type ProductSpec } from '../product/product';

/**
 * The whole engine state after command `seq`, as plain data. Lists are in the
 * engine's own order (creation order; books in priority order), so restoring
 * rebuilds an engine that behaves, and hashes, exactly like the original.
 */
export interface EngineSnapshot {
  version: 1;
  seq: number;
  nextTradeId: number;
  currencies: SnapshotCurrency[];
  products: ProductSpec[];
  accounts: SnapshotAccount[];
  books: SnapshotBook[];
  /**
   * State the engine's host keeps in step with it (projections), taken at the
   * same sequence and saved alongside, so a restart rebuilds it from here rather
   * than from the first record. JSON data, opaque to the engine and left out of
   * the state hash.
   */
  attachment?: SnapshotAttachment;
}

export type SnapshotAttachment = Record<string, unknown>;

export interface SnapshotCurrency {
  code: string;
  scale: number;
  deposited: bigint;
  withdrawn: bigint;
  fees: bigint;
}

export interface SnapshotAccount {
  userId: string;
  balances: SnapshotBalance[];
}

export interface SnapshotBalance {
  currency: string;
  available: bigint;
  hold: bigint;
}

export interface SnapshotBook {
  productId: string;
  /** Bids then asks, each best level first and FIFO within a level. */
  orders: SnapshotOrder[];
}

export interface SnapshotOrder {
  id: number;
  /** Index into `accounts`. */
  owner: number;
  side: Side;
  price: number;
  size: number;
  remaining: number;
  executedValue: bigint;
  fees: bigint;
  time: number;
  ref: string | null;
}

export function captureSnapshot(state: EngineState): EngineSnapshot {
  return {
    version: 1,
    seq: state.lastSeq,
    nextTradeId: state.nextTradeId,
    currencies: state.currencyList.map((currency) => ({
      code: currency.code,
      scale: currency.scale,
      deposited: toBigint(currency.deposited),
      withdrawn: toBigint(currency.withdrawn),
      fees: toBigint(currency.fees),
    })),
    products: state.marketList.map((market) => ({ ...market.product.spec })),
    accounts: state.accountList.map((account) => ({
      userId: account.userId,
      balances: account.allBalances().map((balance) => ({
        currency: balance.currency.code,
        available: toBigint(balance.available),
        hold: toBigint(balance.hold),
      })),
    })),
    books: state.marketList.map((market) => ({
      productId: market.product.id,
      orders: [...market.book.ordersOf('buy'), ...market.book.ordersOf('sell')].map((order) => ({
        id: order.id,
        owner: order.owner,
        side: order.side,
        price: order.price,
        size: order.size,
        remaining: order.remaining,
        executedValue: toBigint(order.executedValue),
        fees: toBigint(order.fees),
        time: order.time,
        ref: order.ref ?? null,
      })),
    })),
  };
}

/** Rebuilds engine state from a snapshot; throws if the snapshot contradicts itself. */
export function restoreState(snapshot: EngineSnapshot): EngineState {
  if (snapshot.version !== 1) throw new Error(`unsupported snapshot version ${String(snapshot.version)}`);
  const state = new EngineState(snapshot.books.reduce((sum, book) => sum + book.orders.length, 0));
  state.lastSeq = snapshot.seq;
  state.nextTradeId = snapshot.nextTradeId;

  for (const saved of snapshot.currencies) {
    if (state.currencies.has(saved.code)) throw new Error(`snapshot lists currency ${saved.code} twice`);
    const currency = state.currency(saved.code, saved.scale);
    currency.deposited = amountOf(saved.deposited);
    currency.withdrawn = amountOf(saved.withdrawn);
    currency.fees = amountOf(saved.fees);
  }
  for (const spec of snapshot.products) {
    const product = Product.define(spec);
    const base = state.currencies.get(product.baseCurrency);
    const quote = state.currencies.get(product.quoteCurrency);
    if (base === undefined || quote === undefined || base.scale !== product.baseScale || quote.scale !== product.quoteScale) {
      throw new Error(`snapshot product ${product.id} does not match the snapshot's currencies`);
    }
    if (state.markets.has(product.id)) throw new Error(`snapshot lists product ${product.id} twice`);
    const market = new Market(product, base, quote, state.orders);
    state.markets.set(product.id, market);
    state.marketList.push(market);
  }
  for (const saved of snapshot.accounts) {
    if (state.accounts.has(saved.userId)) throw new Error(`snapshot lists user ${saved.userId} twice`);
    const account = state.account(saved.userId);
    for (const savedBalance of saved.balances) {
      const currency = state.currencies.get(savedBalance.currency);
      if (currency === undefined) throw new Error(`snapshot balance in unknown currency ${savedBalance.currency}`);
      const balance = account.balance(currency);
      balance.available = amountOf(savedBalance.available);
      balance.hold = amountOf(savedBalance.hold);
    }
  }

  const restored: BookOrder[] = [];
  for (const saved of snapshot.books) {
    const market = state.markets.get(saved.productId);
    if (market === undefined) throw new Error(`snapshot book for unknown product ${saved.productId}`);
    // Levels are created worst-first so each new level lands at the array's end.
    const bids = saved.orders.filter((order) => order.side === 'buy');
    const asks = saved.orders.filter((order) => order.side === 'sell');
    for (const side of [bids, asks]) {
      for (const group of groupByPrice(side).reverse()) {
        for (const savedOrder of group) {
          const order = toBookOrder(savedOrder, state.accountList.length);
          market.book.add(order);
          restored.push(order);
        }
      }
    }
  }
  // Owners list their orders in id order, as they were placed.
  restored.sort((a, b) => a.id - b.id);
  for (const order of restored) state.accountList[order.owner].linkOrder(order);
  return state;
}

function toBookOrder(saved: SnapshotOrder, accounts: number): BookOrder {
  if (!Number.isInteger(saved.owner) || saved.owner < 0 || saved.owner >= accounts) throw new Error(`snapshot order ${saved.id} has no owner`);
  if (!(saved.remaining > 0 && saved.remaining <= saved.size)) throw new Error(`snapshot order ${saved.id} has an impossible remaining size`);
  const order = new BookOrder(saved.id, saved.owner, saved.side, saved.price, saved.size, saved.time, saved.ref ?? undefined);
  order.remaining = saved.remaining;
  order.executedValue = amountOf(saved.executedValue);
  order.fees = amountOf(saved.fees);
  return order;
}

function groupByPrice(orders: SnapshotOrder[]): SnapshotOrder[][] {
  const groups: SnapshotOrder[][] = [];
  for (const order of orders) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0].price === order.price) last.push(order);
    else groups.push([order]);
  }
  return groups;
}
