import type { Side } from '../book/book-order';
import type { OrderType, TimeInForce } from '../commands/commands';

/**
 * An order as the history keeps it: amounts as canonical decimal strings in the
 * product's units (the way they leave the API), ids as the engine's sequence numbers.
 */
export interface OrderRow {
  id: number;
  userId: string;
  productId: string;
  side: Side;
  type: OrderType;
  timeInForce: TimeInForce;
  postOnly: boolean;
  /** "0" for market orders. */
  price: string;
  /** "0" for a market buy by funds. */
  size: string;
  /** "0" unless a market buy. */
  funds: string;
  filledSize: string;
  executedValue: string;
  fillFees: string;
  status: OrderStatus;
  doneReason: string | null;
  clientOid: string | null;
  /** Epoch milliseconds stamped by the sequencer. */
  createdAt: number;
  /** Sequence of the last command that changed the row. */
  seq: number;
}

export type OrderStatus = 'open' | 'filled' | 'cancelled';

/** One side of one trade, as its owner sees it. */
export interface FillRow {
  /** `tradeId * 2` for the maker, `tradeId * 2 + 1` for the taker: unique and ordered. */
  id: number;
  tradeId: number;
  orderId: number;
  userId: string;
  productId: string;
  side: Side;
  price: string;
  size: string;
  fee: string;
  liquidity: 'M' | 'T';
  createdAt: number;
  seq: number;
}

/** A deposit or a withdrawal, as the owner's wallet statement shows it. */
export interface TransferRow {
  /** The command's sequence number. */
  id: number;
  userId: string;
  currency: string;
  type: 'deposit' | 'withdrawal';
  amount: string;
  createdAt: number;
}

/** Everything one journal record changed in the history. */
export interface HistoryChange {
  seq: number;
  orders: OrderRow[];
  fills: FillRow[];
  transfers: TransferRow[];
}

/**
 * Cursor paging, newest first: `after` returns rows older than that id, `before`
 * rows newer than it (still newest first).
 */
export interface PageQuery {
  before?: number;
  after?: number;
  limit: number;
}

export interface OrderQuery extends PageQuery {
  userId: string;
  productId?: string;
  statuses?: readonly OrderStatus[];
}

export interface FillQuery extends PageQuery {
  userId: string;
  productId?: string;
  orderId?: number;
}

export interface TransferQuery extends PageQuery {
  userId: string;
  currency: string;
}
