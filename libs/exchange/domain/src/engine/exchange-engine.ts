import { toBigint } from '../assets/amounts';
import type { BookOrder, Side } from '../book/book-order';
import type { Depth } from '../book/order-book';
import type { JournalRecord } from '../commands/commands';
import type { Product } from '../product/product';
import { captureSnapshot, restoreState, type EngineSnapshot } from '../snapshot/engine-snapshot';
import { hashSnapshot } from '../snapshot/snapshot-codec';
import * as guard from '../commands/command-guard';
import { auditState } from './audit';
import * as cancelling from './cancel-orders';
import { Clearing } from './clearing';
import { EngineState } from './engine-state';
import * as placing from './place-order';
import { putProduct } from './put-product';
import { SequenceError } from '../errors/exchange-errors';
import type { CommandResult } from '../events/exchange-events';
import { deposit, withdraw } from './transfers';

// tsx runs this code as CommonJS, where every use of an imported name calls a getter on
// the exporting module; this hot path binds what it calls once, at load.
const { commandProblem, isCommandType, timeProblem } = guard;
const { cancelAll, cancelOrder } = cancelling;
const { placeOrder } = placing;

export interface BalanceView {
  currency: string;
  available: bigint;
  hold: bigint;
}

export interface OpenOrderView {
  orderId: number;
  userId: string;
  productId: string;
  side: Side;
  price: number;
  size: number;
  remainingSize: number;
  filledSize: number;
  executedValue: bigint;
  fillFees: bigint;
  time: number;
  ref: string | null;
}

export interface CurrencyTotals {
  code: string;
  scale: number;
  deposited: bigint;
  withdrawn: bigint;
  /** Held by the fee account. */
  fees: bigint;
}

/**
 * The single-threaded, deterministic exchange: products, books, matching,
 * balances and clearing, in memory. `apply` takes journal records strictly in
 * sequence; the same records always produce the same results and the same state
 * (see `stateHash`). No clock, randomness or I/O inside: time comes with the record.
 */
export class ExchangeEngine {
  private readonly clearing: Clearing;

  constructor(private readonly state: EngineState = new EngineState()) {
    this.clearing = new Clearing(state);
  }

  static restore(snapshot: EngineSnapshot): ExchangeEngine {
    return new ExchangeEngine(restoreState(snapshot));
  }

  /** Sequence number of the last applied command (0 before the first). */
  get lastSeq(): number {
    return this.state.lastSeq;
  }

  apply(record: JournalRecord): CommandResult {
    const state = this.state;
    if (record.seq !== state.lastSeq + 1) throw new SequenceError(state.lastSeq + 1, record.seq);
    state.begin(record);
    const command = record.command;
    const problem = commandProblem(command) ?? timeProblem(record.time);
    let result: CommandResult;
    if (problem !== null) {
      const type = (command as { type?: unknown } | null)?.type;
      result = state.reject(isCommandType(type) ? type : 'unknown', problem.reason, problem.message);
      state.lastSeq = record.seq;
      return result;
    }
    switch (command.type) {
      case 'place_order':
        result = placeOrder(state, this.clearing, command);
        break;
      case 'cancel_order':
        result = cancelOrder(state, command);
        break;
      case 'cancel_all':
        result = cancelAll(state, command);
        break;
      case 'deposit':
        result = deposit(state, command);
        break;
      case 'withdraw':
        result = withdraw(state, command);
        break;
      case 'put_product':
        result = putProduct(state, command);
        break;
    }
    state.lastSeq = record.seq;
    return result;
  }

  /**
   * Applies records for their effect on the state alone, building no results or
   * events: recovery when nothing reads them. Same checks, same order, same
   * state (and state hash) as `apply`, several times faster.
   */
  replay(records: readonly JournalRecord[]): void {
    const state = this.state;
    state.reporting = false;
    try {
      for (let i = 0; i < records.length; i++) this.apply(records[i]);
    } finally {
      state.reporting = true;
    }
  }

  /** `replay` of one record, for a reader that hands records over one at a time (and may reuse the object). */
  replayOne(record: JournalRecord): void {
    const state = this.state;
    state.reporting = false;
    try {
      this.apply(record);
    } finally {
      state.reporting = true;
    }
  }

  snapshot(): EngineSnapshot {
    return captureSnapshot(this.state);
  }

  /** SHA-256 over the canonical snapshot: equal states, equal hashes. */
  stateHash(): string {
    return hashSnapshot(this.snapshot());
  }

  /** Checks every invariant the engine promises; returns the violations (none when healthy). */
  audit(): string[] {
    return auditState(this.state);
  }

  products(): Product[] {
    return this.state.marketList.map((market) => market.product);
  }

  product(productId: string): Product | undefined {
    return this.state.markets.get(productId)?.product;
  }

  currencies(): CurrencyTotals[] {
    return this.state.currencyList.map((c) => ({
      code: c.code,
      scale: c.scale,
      deposited: toBigint(c.deposited),
      withdrawn: toBigint(c.withdrawn),
      fees: toBigint(c.fees),
    }));
  }

  /** Every user the engine has seen, in order of first appearance. */
  users(): string[] {
    return this.state.accountList.map((account) => account.userId);
  }

  balances(userId: string): BalanceView[] {
    const account = this.state.accounts.get(userId);
    if (account === undefined) return [];
    return account.allBalances().map((balance) => ({ currency: balance.currency.code, available: toBigint(balance.available), hold: toBigint(balance.hold) }));
  }

  balance(userId: string, currency: string): BalanceView {
    const known = this.state.currencies.get(currency);
    const balance = known === undefined ? undefined : this.state.accounts.get(userId)?.existingBalance(known);
    return { currency, available: toBigint(balance?.available ?? 0), hold: toBigint(balance?.hold ?? 0) };
  }

  order(orderId: number): OpenOrderView | undefined {
    const order = this.state.orders.get(orderId);
    return order === undefined ? undefined : this.view(order);
  }

  /** A user's open orders, oldest first, optionally in one product. */
  openOrders(userId: string, productId?: string): OpenOrderView[] {
    const out: OpenOrderView[] = [];
    const account = this.state.accounts.get(userId);
    for (let order = account?.ordersHead ?? null; order !== null; order = order.ownerNext) {
      if (productId === undefined || order.book?.productId === productId) out.push(this.view(order));
    }
    return out;
  }

  /** Aggregated levels (price in ticks, size in lots), best first; undefined for an unknown product. */
  depth(productId: string, levels?: number): Depth | undefined {
    return this.state.markets.get(productId)?.book.depth(levels);
  }

  private view(order: BookOrder): OpenOrderView {
    return {
      orderId: order.id,
      userId: this.state.accountList[order.owner].userId,
      productId: order.book?.productId ?? '',
      side: order.side,
      price: order.price,
      size: order.size,
      remainingSize: order.remaining,
      filledSize: order.size - order.remaining,
      executedValue: toBigint(order.executedValue),
      fillFees: toBigint(order.fees),
      time: order.time,
      ref: order.ref ?? null,
    };
  }
}
