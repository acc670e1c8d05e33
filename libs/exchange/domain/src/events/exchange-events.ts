import type { Side } from '../book/book-order';
import type { CommandType, OrderType, TimeInForce } from '../commands/commands';
import type { RejectReason } from '../errors/exchange-errors';
import type { ProductSpec } from '../product/product';

/** Why an order left the book without being filled. */
export type CancelReason =
  /** The owner cancelled it (cancel one or cancel all). */
  | 'user'
  /** The unfilled rest of an IOC or market order. */
  | 'not_filled'
  /** Self-trade prevention. */
  | 'self_trade';

export interface OrderReceivedEvent {
  type: 'order_received';
  orderId: number;
  userId: string;
  productId: string;
  side: Side;
  orderType: OrderType;
  timeInForce: TimeInForce;
  postOnly: boolean;
  /** Ticks; null for market orders. */
  price: number | null;
  /** Lots; null for a market buy by funds. */
  size: number | null;
  /** Quote minor units; null unless a market buy. */
  funds: bigint | null;
  ref: string | null;
  time: number;
}

/** The order rests on the book with `remainingSize` lots. */
export interface OrderOpenEvent {
  type: 'order_open';
  orderId: number;
  userId: string;
  productId: string;
  side: Side;
  price: number;
  remainingSize: number;
  time: number;
}

/**
 * One execution. The buyer's fee is in base and the seller's in quote (fees are
 * charged in the currency received); `quoteAmount` is price × size in quote minor units.
 */
export interface TradeEvent {
  type: 'trade';
  tradeId: number;
  productId: string;
  price: number;
  size: number;
  quoteAmount: bigint;
  /** The taker's side; the maker is on the other side. */
  side: Side;
  makerOrderId: number;
  takerOrderId: number;
  makerUserId: string;
  takerUserId: string;
  makerFee: bigint;
  takerFee: bigint;
  time: number;
}

export interface OrderDoneEvent {
  type: 'order_done';
  orderId: number;
  userId: string;
  productId: string;
  side: Side;
  reason: 'filled' | 'cancelled';
  cancelReason: CancelReason | null;
  /** Lots filled over the order's life. */
  filledSize: number;
  /** Lots left unfilled (0 when filled; for a market buy, whatever the funds did not buy is not counted). */
  remainingSize: number;
  /** Quote minor units traded. */
  executedValue: bigint;
  /** Fees paid, in the currency the order received. */
  fillFees: bigint;
  time: number;
}

/** A balance after the command: one event per touched (user, currency). */
export interface BalanceEvent {
  type: 'balance';
  userId: string;
  currency: string;
  available: bigint;
  hold: bigint;
}

/** A price level after the command: `size` in lots, 0 when the level is gone. */
export interface BookEvent {
  type: 'book';
  productId: string;
  side: Side;
  price: number;
  size: number;
}

export interface TransferEvent {
  type: 'deposit' | 'withdrawal';
  userId: string;
  currency: string;
  amount: bigint;
  time: number;
}

export interface ProductEvent {
  type: 'product';
  product: ProductSpec;
  /** True when the product was listed by this command, false when its limits or fees changed. */
  listed: boolean;
}

export type EngineEvent = OrderReceivedEvent | OrderOpenEvent | TradeEvent | OrderDoneEvent | BalanceEvent | BookEvent | TransferEvent | ProductEvent;

// A command's result is how its events leave the engine, so it is declared beside them.
interface ResultBase {
  seq: number;
  time: number;
  /** The client reference the command carried, if any. */
  ref: string | null;
}

export interface AcceptedResult extends ResultBase {
  command: CommandType;
  accepted: true;
  /** For place_order: the new order's id (its sequence number). */
  orderId: number | null;
  events: EngineEvent[];
}

export interface RejectedResult extends ResultBase {
  /** `unknown` when the record's command type is not one the engine knows. */
  command: CommandType | 'unknown';
  accepted: false;
  reason: RejectReason;
  message: string;
  events: [];
}

/** What one command did: accepted with its events in order, or rejected with a reason. */
export type CommandResult = AcceptedResult | RejectedResult;
