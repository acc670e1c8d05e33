import { isCardNumber } from '@mosaic/account-domain';
import { isId } from '@mosaic/kit-core';
import { z } from 'zod';

/**
 * Request shapes. They check presence, types and sizes; the domain then checks the
 * meaning (currency supported, amount positive at the account's scale, address whole)
 * and answers with its own codes. Unknown body fields are refused, so a typo such as
 * `ammount` is named rather than ignored.
 */
const id = (what: string) => z.string().refine(isId, `must be ${what} id (a decimal number)`);
const amount = z.union([z.string().max(64), z.number()], { error: 'required: a decimal string such as "12.50"' });
const cardNumber = z.string().refine(isCardNumber, 'must be 12 to 19 digits');

export const accountParams = z.object({ id: id('an account') });
export const cardParams = z.object({ id: id('an account'), number: cardNumber });
export const pointsParams = z.object({ id: id('a points') });

export const openAccountBody = z.strictObject({
  currency: z.string().max(16),
  address: z.unknown().optional(),
});

export const addressBody = z.record(z.string(), z.unknown());

export const addCardBody = z.strictObject({
  number: z.string().max(32),
  bankName: z.string().max(200),
});

export const depositBody = z.strictObject({ amount, cardNumber: cardNumber.optional() });
export const withdrawalBody = z.strictObject({ amount, cardNumber });
export const transferBody = z.strictObject({ from: id('an account'), to: id('an account'), amount });
export const purchaseBody = z.strictObject({ accountId: id('an account'), pointsId: id('a points'), amount });
export const openPointsBody = z.strictObject({});

export const statementQuery = z.object({
  cursor: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
