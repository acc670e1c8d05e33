import type { OrderEvent, OrderStatus, OrderSummary } from '@mosaic/flashsale-domain';
import type { Rows } from './sql';

export function eventOf(row: Rows[number]): OrderEvent {
  const stored = JSON.parse(row.payload as string) as OrderEvent & { occurredAt: string };
  return { ...stored, occurredAt: new Date(stored.occurredAt) };
}

export function summaryOf(row: Rows[number]): OrderSummary {
  return {
    orderId: String(row.order_id),
    userId: row.user_id as string,
    saleId: row.sale_id as string,
    code: row.code as string,
    items: JSON.parse(row.items as string) as string[],
    status: row.status as OrderStatus,
    version: Number(row.version),
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  };
}
