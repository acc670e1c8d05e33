import type { Basket, PurchaseResult } from '../checkout/basket';
import type { OrderEvent } from '../events/order-events';

/** The writes of one transaction on the store of record. */
export interface FlashsaleTransaction {
  /**
   * The basket, locked until the end of the transaction (purchases of one code run one
   * at a time, and checkouts into it wait). Named by its code, sale and user: the store
   * locks it the way checkouts do.
   */
  lockBasket(basket: Pick<Basket, 'code' | 'saleId' | 'userId'>): Promise<Basket | undefined>;
  closeBasket(code: string, result: PurchaseResult): Promise<void>;
  /** The conditional write, per item: sells to the user those nobody has. The ids this call sold, in the given order. */
  sellItems(itemIds: readonly string[], userId: string, orderId: string): Promise<string[]>;
  /** Gives an item sold to `userId` back to the sale. True when it was theirs. */
  releaseItem(itemId: string, userId: string): Promise<boolean>;
  /** Counts up to `count` more bought items against the user's limit, never past it. How many were counted. */
  takeQuota(saleId: string, userId: string, count: number, limit: number): Promise<number>;
  returnQuota(saleId: string, userId: string, count: number): Promise<void>;
  /** The order's stream, oldest first. */
  loadOrder(orderId: string): Promise<OrderEvent[]>;
  /**
   * Appends events to their orders' streams; an event whose (order, version) exists
   * fails the whole transaction with `concurrent_modification`. The `order_summary`
   * projection and the outbox take the same events in the same transaction.
   */
  appendOrderEvents(events: readonly OrderEvent[]): Promise<void>;
}

/**
 * Runs `work` in one transaction: all of it commits or none. `work` may run more than
 * once (deadlock retries), so its only effects go through `tx`.
 */
export interface FlashsaleUnitOfWork {
  run<T>(work: (tx: FlashsaleTransaction) => Promise<T>): Promise<T>;
}
