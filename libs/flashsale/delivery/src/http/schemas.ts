import { isCheckoutCode, isSaleId, isUserId, parseItemId } from '@mosaic/flashsale-domain';
import { isId } from '@mosaic/kit-core';
import { z } from 'zod';

/**
 * Request shapes. Each checks presence and form with the domain's own predicates, so a
 * malformed value is a 400 naming the field before anything is stored or counted.
 */
const userId = z.string({ error: 'required' }).refine(isUserId, 'must be 1 to 64 of [A-Za-z0-9._:-]');
const itemId = z.string({ error: 'required' }).refine((value) => parseItemId(value) !== undefined, 'must be an item id such as 2026120101-00042');
const code = z.string({ error: 'required' }).refine(isCheckoutCode, 'must be a checkout code');

export const checkoutQuery = z.object({ user_id: userId, id: itemId });
export const signedInCheckoutQuery = z.object({ id: itemId });
export const purchaseQuery = z.object({ code });
export const saleParams = z.object({ id: z.string().refine(isSaleId, 'must be a sale id, YYYYMMDDHH') });
export const itemsQuery = z.object({
  cursor: z.string().max(16).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export const freeQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).optional() });
export const itemParams = z.object({ id: itemId });
export const orderParams = z.object({ id: z.string().refine(isId, 'must be an order id (a decimal number)') });
export const ordersQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).optional() });
