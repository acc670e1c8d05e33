import type { OrderEvent } from '../events/order-events';
import type { OrderStatus } from './order';

/** The `order_summary` read model: one row per order, as of `version`. */
export interface OrderSummary {
  readonly orderId: string;
  readonly userId: string;
  readonly saleId: string;
  readonly code: string;
  readonly items: readonly string[];
  readonly status: OrderStatus;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * The projection: the summary after `event`. Idempotent by version — an event the
 * summary already reflects (version ≤ the summary's) leaves it as it is, so events
 * replayed or delivered twice never move it backwards.
 */
export function projectSummary(summary: OrderSummary | undefined, event: OrderEvent): OrderSummary | undefined {
  if (event.type === 'order.created') {
    if (summary) return summary;
    const data = event.data as { userId: string; saleId: string; code: string; items: string[] };
    return {
      orderId: event.aggregateId,
      userId: data.userId,
      saleId: data.saleId,
      code: data.code,
      items: data.items,
      status: 'created',
      version: event.version,
      createdAt: event.occurredAt,
      updatedAt: event.occurredAt,
    };
  }
  if (!summary || event.version <= summary.version) return summary;
  return { ...summary, status: (event.data as { to: OrderStatus }).to, version: event.version, updatedAt: event.occurredAt };
}
