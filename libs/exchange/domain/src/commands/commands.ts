import type { Side } from '../book/book-order';
import type { SelfTradePrevention } from '../matching/taker';
import type { ProductSpec } from '../product/product';

export type OrderType = 'limit' | 'market';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK';

/**
 * Every command may carry a client reference: the sequencer drops a second
 * command with the same (userId, ref) inside its window, so a client can retry
 * safely. For orders it doubles as the client order id.
 */
interface CommandBase {
  ref?: string;
}

/** Lists a product, or changes the limits and fees of a listed one. */
export interface PutProductCommand extends CommandBase {
  type: 'put_product';
  product: ProductSpec;
}

export interface DepositCommand extends CommandBase {
  type: 'deposit';
  userId: string;
  currency: string;
  /** Minor units of the currency. */
  amount: bigint;
}

export interface WithdrawCommand extends CommandBase {
  type: 'withdraw';
  userId: string;
  currency: string;
  amount: bigint;
}

/**
 * limit: `price` (ticks) and `size` (lots), with a time in force and optional post-only.
 * market sell: `size` (lots). market buy: `funds` (quote minor units).
 */
export interface PlaceOrderCommand extends CommandBase {
  type: 'place_order';
  userId: string;
  productId: string;
  side: Side;
  orderType: OrderType;
  price?: number;
  size?: number;
  funds?: bigint;
  timeInForce?: TimeInForce;
  postOnly?: boolean;
  stp?: SelfTradePrevention;
}

export interface CancelOrderCommand extends CommandBase {
  type: 'cancel_order';
  userId: string;
  orderId: number;
}

/** Cancels all of a user's open orders, in one product or everywhere. */
export interface CancelAllCommand extends CommandBase {
  type: 'cancel_all';
  userId: string;
  productId?: string;
}

export type ExchangeCommand = PutProductCommand | DepositCommand | WithdrawCommand | PlaceOrderCommand | CancelOrderCommand | CancelAllCommand;

export type CommandType = ExchangeCommand['type'];

/** A command with its place in the journal: `seq` is consecutive from 1; `time` (ms) is stamped by the sequencer. */
export interface JournalRecord {
  seq: number;
  time: number;
  command: ExchangeCommand;
}
