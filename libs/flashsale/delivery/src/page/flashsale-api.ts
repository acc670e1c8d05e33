/// <reference lib="dom" />
import { api } from '@mosaic/kit-ui/client';

export interface SaleJson {
  id: string;
  opensAt: string;
  closesAt: string;
  total: number;
  sold: number;
  remaining: number;
}
export interface ItemJson {
  id: string;
  name: string;
  imageUrl: string;
  sold: boolean;
}
export interface BasketJson {
  code: string;
  saleId: string;
  items: string[];
}
export interface PurchaseJson {
  code: string;
  bought: string[];
  notBought: { id: string; reason: string }[];
}
export interface OrderJson {
  id: string;
  items: string[];
  status: 'created' | 'paid' | 'shipped' | 'cancelled';
}

/** Where the flash sale's routes are: the directory the page is served from (`/` or `/flashsale/`). */
const base = location.pathname.replace(/\/[^/]*$/, '');
const SIGNED_IN = '/api/v1/flashsale';
const q = encodeURIComponent;

/**
 * The page's calls. A signed-in shopper buys as themselves through /api/v1/flashsale;
 * a guest names themselves (`user_id`) on the public routes, as the seed service did.
 */
export const flashsaleApi = {
  activeSale: () => api<SaleJson>(`${base}/sales/active`),
  sale: (id: string) => api<SaleJson>(`${base}/sales/${q(id)}`),
  /** The server-sent events of the sale's counts. */
  liveUrl: (id: string) => `${base}/sales/${q(id)}/live`,
  items: (saleId: string, cursor: string | null) =>
    api<{ items: ItemJson[]; nextCursor: string | null }>(`${base}/sales/${q(saleId)}/items?limit=24${cursor ? `&cursor=${q(cursor)}` : ''}`),
  checkout: (itemId: string, guest: string | null) =>
    api<BasketJson>(guest === null ? `${SIGNED_IN}/checkout?id=${q(itemId)}` : `${base}/checkout?user_id=${q(guest)}&id=${q(itemId)}`, { method: 'POST' }),
  purchase: (code: string, guest: string | null) =>
    api<PurchaseJson>(guest === null ? `${SIGNED_IN}/purchase?code=${q(code)}` : `${base}/purchase?code=${q(code)}`, { method: 'POST' }),
  orders: () => api<{ orders: OrderJson[] }>(`${SIGNED_IN}/orders`),
  changeOrder: (id: string, action: 'pay' | 'ship' | 'cancel') => api<OrderJson>(`${SIGNED_IN}/orders/${q(id)}/${action}`, { method: 'POST' }),
};
