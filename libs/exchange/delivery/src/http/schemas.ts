import { z } from 'zod';

/** A decimal as clients send it: a string, or a JSON number converted through its shortest form. */
const decimal = z.union([z.string().max(64), z.number()]);
const optionalDecimal = z.union([decimal, z.null()]).optional();
/** Express gives a repeated key as an array. */
const repeated = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? undefined : Array.isArray(value) ? value : [value]));
const cursor = z
  .string()
  .regex(/^\d{1,15}$/, 'a cursor from gbe-before / gbe-after')
  .transform(Number)
  .optional();

export const placeOrderBody = z.object({
  productId: z.string().min(1).max(32),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['limit', 'market']).default('limit'),
  price: optionalDecimal,
  size: optionalDecimal,
  funds: optionalDecimal,
  timeInForce: z.enum(['GTC', 'IOC', 'FOK']).optional(),
  postOnly: z.boolean().optional(),
  clientOid: z.string().min(1).max(64).optional(),
});

export const orderIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, 'an order id')
    .transform(Number),
});

export const cancelAllQuery = z.object({ productId: z.string().min(1).max(32).optional() });

export const listOrdersQuery = z.object({
  productId: z.string().min(1).max(32).optional(),
  status: repeated,
  limit: z.coerce.number().int().min(1).max(100).default(100),
  before: cursor,
  after: cursor,
});

export const listFillsQuery = z.object({
  productId: z.string().min(1).max(32).optional(),
  orderId: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
  before: cursor,
  after: cursor,
});

export const productParams = z.object({ id: z.string().min(1).max(32) });
export const tradesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const candlesQuery = z.object({ granularity: z.coerce.number().int().default(60), limit: z.coerce.number().int().min(1).max(1500).default(300) });
export const bookQuery = z.object({ level: z.coerce.number().int().min(1).max(3).default(2) });

export const accountsQuery = z.object({ currency: repeated });

export const credentialsBody = z.object({ email: z.string().max(320), password: z.string().max(1024) });
export const passwordBody = z.object({
  oldPassword: z.string().max(1024).optional(),
  currentPassword: z.string().max(1024).optional(),
  newPassword: z.string().max(1024),
});

export const walletParams = z.object({ currency: z.string().regex(/^[A-Z0-9]{1,16}$/, 'a currency code') });
export const walletQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(100), before: cursor, after: cursor });

export const transferBody = z.object({
  userId: z.string().min(1).max(64).optional(),
  currency: z.string().regex(/^[A-Z0-9]{1,16}$/, 'a currency code'),
  amount: decimal,
});
