import type { Basket, OrderEvent, OrderSummary, PurchaseResult, SaleItem } from '@mosaic/flashsale-domain';
import type { ItemsPage, SaleView } from '@mosaic/flashsale-usecase';

export const saleJson = ({ sale, sold, remaining }: SaleView) => ({
  id: sale.id,
  opensAt: sale.opensAt.toISOString(),
  closesAt: sale.closesAt.toISOString(),
  total: sale.total,
  sold,
  remaining,
});

/** `base` is where the router is mounted, so image URLs work under any prefix. */
export const itemJson = (base: string) => (item: SaleItem) => ({
  id: item.id,
  name: item.name,
  imageUrl: `${base}/items/${item.id}/image.svg`,
  sold: item.soldTo !== null,
});

export const itemsPageJson = (base: string, page: ItemsPage) => ({ items: page.items.map(itemJson(base)), nextCursor: page.nextCursor });

export const basketJson = (basket: Basket) => ({ code: basket.code, saleId: basket.saleId, items: basket.items });

export const purchaseJson = (result: PurchaseResult) => ({
  code: result.code,
  bought: result.bought,
  notBought: result.notBought.map(({ id, reason }) => ({ id, reason })),
});

export const orderJson = (summary: OrderSummary) => ({
  id: summary.orderId,
  saleId: summary.saleId,
  code: summary.code,
  items: summary.items,
  status: summary.status,
  version: summary.version,
  createdAt: summary.createdAt.toISOString(),
  updatedAt: summary.updatedAt.toISOString(),
});

export const eventJson = (event: OrderEvent) => ({
  id: event.id,
  type: event.type,
  version: event.version,
  occurredAt: event.occurredAt.toISOString(),
  data: event.data,
});
