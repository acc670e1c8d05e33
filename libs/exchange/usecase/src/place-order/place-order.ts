import { invalid, notFound, unprocessable } from '@mosaic/kit-core';
import type { OrderRow, PlaceOrderCommand, Product, Side, TimeInForce } from '@mosaic/exchange-domain';
import { decimalInput } from '../shared/decimals';
import type { ExchangePipeline } from '../shared/pipeline/exchange-pipeline';
import { acceptedOrThrow } from '../shared/rejections';

export interface PlaceOrderInput {
  userId: string;
  productId: string;
  side: Side;
  type: 'limit' | 'market';
  /** Decimal strings or JSON numbers, as clients send them. */
  price?: unknown;
  size?: unknown;
  funds?: unknown;
  timeInForce?: TimeInForce;
  postOnly?: boolean;
  /** The client's id for the order: a retry with the same id places nothing new. */
  clientOid?: string;
}

/**
 * Checks an order against its product (tick, step, limits) before anything is
 * journaled, then sequences it; answers with the order once it is durable and
 * applied. A limit order's `funds` and a market order's unused fields are
 * ignored, as clients send them all. Funds the engine finds missing come back as
 * a rejection with its reason.
 */
export class PlaceOrder {
  constructor(private readonly pipeline: ExchangePipeline) {}

  async execute(input: PlaceOrderInput): Promise<OrderRow> {
    const product = this.pipeline.queries.product(input.productId);
    if (product === undefined)
      throw invalid('unknown_product', `Unknown product ${input.productId}`, { details: [{ path: 'productId', message: 'not listed' }] });
    const command: PlaceOrderCommand = {
      type: 'place_order',
      userId: input.userId,
      productId: product.id,
      side: input.side,
      orderType: input.type,
      ...terms(product, input),
      ...(input.clientOid === undefined ? {} : { ref: input.clientOid }),
    };
    const submission = await this.pipeline.submit(command);
    // A retry of an earlier order answers with that order, whatever became of it since.
    const orderId = submission.duplicate && submission.result === undefined ? submission.seq : acceptedOrThrow(submission.result).orderId;
    const order = orderId === null ? undefined : await this.pipeline.order(orderId);
    if (order === undefined) throw notFound('order_not_found', `Order ${orderId} was not placed`);
    return order;
  }
}

function terms(product: Product, input: PlaceOrderInput): Pick<PlaceOrderCommand, 'price' | 'size' | 'funds' | 'timeInForce' | 'postOnly'> {
  if (input.type === 'limit') {
    if (input.price === undefined || input.price === null) throw missing('price', 'a limit order needs a price');
    const price = product.priceToTicks(decimalInput(input.price, 'price'));
    const size = lots(product, input.size);
    return { price, size, timeInForce: input.timeInForce ?? 'GTC', postOnly: input.postOnly ?? false };
  }
  if (input.side === 'sell') return { size: lots(product, input.size) };
  if (input.funds === undefined || input.funds === null) throw missing('funds', 'a market buy spends funds');
  const funds = product.fundsToUnits(decimalInput(input.funds, 'funds'));
  if (funds < product.minFunds)
    throw unprocessable('funds_too_small', `funds must be at least ${product.spec.minFunds}`, { details: [{ path: 'funds', message: 'below the minimum' }] });
  if (funds > product.maxFunds)
    throw unprocessable('funds_too_large', `funds must be at most ${product.spec.maxFunds}`, { details: [{ path: 'funds', message: 'above the maximum' }] });
  return { funds };
}

function lots(product: Product, size: unknown): number {
  if (size === undefined || size === null) throw missing('size', 'the order needs a size');
  const lots = product.sizeToLots(decimalInput(size, 'size'));
  if (lots < product.minLots)
    throw unprocessable('size_too_small', `size must be at least ${product.spec.minSize}`, { details: [{ path: 'size', message: 'below the minimum' }] });
  if (lots > product.maxLots)
    throw unprocessable('size_too_large', `size must be at most ${product.spec.maxSize}`, { details: [{ path: 'size', message: 'above the maximum' }] });
  return lots;
}

function missing(field: string, message: string) {
  return invalid('validation_failed', message, { details: [{ path: field, message: 'required' }] });
}
