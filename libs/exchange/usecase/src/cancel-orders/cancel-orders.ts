import { invalid, notFound } from '@mosaic/kit-core';
import type { OrderRow } from '@mosaic/exchange-domain';
import { acceptedOrThrow } from '../shared/rejections';
import type { ExchangePipeline } from '../shared/pipeline/exchange-pipeline';

/**
 * Cancels one of the caller's open orders. Another user's order, an unknown one
 * and one no longer open are all "not found", checked before anything is journaled.
 */
export class CancelOrder {
  constructor(private readonly pipeline: ExchangePipeline) {}

  async execute(input: { userId: string; orderId: number }): Promise<OrderRow> {
    const open = this.pipeline.queries.order(input.orderId);
    if (open === undefined || open.userId !== input.userId) throw notFound('order_not_found', `No open order ${input.orderId}`);
    const submission = await this.pipeline.submit({ type: 'cancel_order', userId: input.userId, orderId: input.orderId });
    acceptedOrThrow(submission.result);
    const order = await this.pipeline.order(input.orderId);
    if (order === undefined) throw notFound('order_not_found', `No order ${input.orderId}`);
    return order;
  }
}

/** Cancels every open order of the caller's in one product; answers with the ids cancelled. */
export class CancelAllOrders {
  constructor(private readonly pipeline: ExchangePipeline) {}

  async execute(input: { userId: string; productId?: string }): Promise<number[]> {
    if (input.productId !== undefined && this.pipeline.queries.product(input.productId) === undefined) {
      throw invalid('unknown_product', `Unknown product ${input.productId}`, { details: [{ path: 'productId', message: 'not listed' }] });
    }
    const open = this.pipeline.queries.openOrders(input.userId, input.productId).map((order) => order.orderId);
    if (open.length === 0) return [];
    const submission = await this.pipeline.submit({
      type: 'cancel_all',
      userId: input.userId,
      ...(input.productId === undefined ? {} : { productId: input.productId }),
    });
    const result = acceptedOrThrow(submission.result);
    return result.events.flatMap((event) => (event.type === 'order_done' ? [event.orderId] : []));
  }
}
