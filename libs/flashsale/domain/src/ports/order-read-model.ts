import type { OrderEvent } from '../events/order-events';
import type { OrderSummary } from '../order/order-summary';

/** Reads of the order center: the `order_summary` read model and the event streams. */
export interface OrderReadModel {
  /** The user's orders, newest first. */
  listByUser(userId: string, limit: number): Promise<OrderSummary[]>;
  find(orderId: string): Promise<OrderSummary | undefined>;
  history(orderId: string): Promise<OrderEvent[]>;
}
