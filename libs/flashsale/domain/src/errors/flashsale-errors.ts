import { conflict, invalid, notFound } from '@mosaic/kit-core';

/**
 * Every error the flash-sale domain raises, by code. Codes are the contract with
 * clients: they never change meaning. Kinds map to statuses in kit-http.
 */
export const FLASHSALE_ERROR_CODES = [
  'invalid_user_id',
  'invalid_item_id',
  'invalid_code',
  'invalid_order_id',
  'invalid_sale_id',
  'invalid_cursor',
  'unknown_item',
  'unknown_code',
  'unknown_sale',
  'no_active_sale',
  'order_not_found',
  'item_sold',
  'limit_exceeded',
  'sale_not_open',
  'sale_closed',
  'invalid_order_transition',
  'concurrent_modification',
] as const;

export type FlashsaleErrorCode = (typeof FLASHSALE_ERROR_CODES)[number];

const field = (path: string, message: string) => ({ details: [{ path, message }] });

export const invalidUserId = () =>
  invalid('invalid_user_id', 'user_id must be 1 to 64 letters, digits or ._:-', field('user_id', 'expected 1 to 64 of [A-Za-z0-9._:-]'));
export const invalidItemId = () => invalid('invalid_item_id', 'id must be an item id such as 2026120101-00042', field('id', 'expected YYYYMMDDHH-NNNNN'));
export const invalidCode = () =>
  invalid('invalid_code', 'code must be a checkout code (22 letters, digits, - or _)', field('code', 'expected a checkout code'));
export const invalidOrderId = () => invalid('invalid_order_id', 'An order id is a decimal number', field('id', 'expected a decimal id'));
export const invalidSaleId = () => invalid('invalid_sale_id', 'A sale id is its hour, YYYYMMDDHH (UTC)', field('id', 'expected YYYYMMDDHH'));
export const invalidCursor = () =>
  invalid('invalid_cursor', 'cursor must be the nextCursor of a previous page', field('cursor', 'expected a cursor from nextCursor'));

export const unknownItem = (id: string) => notFound('unknown_item', `No item ${id} in any sale`, { details: { id } });
/** Another user's code answers like a missing one, so codes cannot be probed. */
export const unknownCode = () => notFound('unknown_code', 'No checkout with this code');
export const unknownSale = (id: string) => notFound('unknown_sale', `No sale ${id}`, { details: { id } });
export const noActiveSale = () => notFound('no_active_sale', 'No sale is open right now');
/** Foreign orders answer like missing ones. */
export const orderNotFound = (id: string) => notFound('order_not_found', `Order ${id} not found`, { details: { orderId: id } });

export const itemSold = (id: string) => conflict('item_sold', `Item ${id} is already sold`, { details: { id } });
export const limitExceeded = (limit: number) =>
  conflict('limit_exceeded', `At most ${limit} items per user per sale: this one would be one too many`, { details: { limit } });
export const saleNotOpen = (id: string, opensAt: Date) =>
  conflict('sale_not_open', `Sale ${id} opens at ${opensAt.toISOString()}`, { details: { saleId: id, opensAt: opensAt.toISOString() } });
export const saleClosed = (id: string, closesAt: Date) =>
  conflict('sale_closed', `Sale ${id} closed at ${closesAt.toISOString()}`, { details: { saleId: id, closesAt: closesAt.toISOString() } });
export const invalidOrderTransition = (orderId: string, from: string, action: string) =>
  conflict('invalid_order_transition', `Order ${orderId} is ${from}: it cannot be ${action}`, { details: { orderId, status: from, action } });
export const concurrentModification = (orderId: string) =>
  conflict('concurrent_modification', `Order ${orderId} changed at the same time; try again`, { details: { orderId } });
