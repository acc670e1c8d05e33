import { invalidOrderId, orderNotFound, type OrderEvent, type OrderSummary } from '@mosaic/flashsale-domain';
import { isId } from '@mosaic/kit-core';
import type { FlashsaleDeps } from '../shared/flashsale-deps';

export interface OrderWithHistory {
  readonly summary: OrderSummary;
  readonly history: readonly OrderEvent[];
}

/** One of the user's orders with its event stream; other users' orders answer as missing. */
export class GetOrder {
  constructor(private readonly deps: Pick<FlashsaleDeps, 'orders'>) {}

  async execute(input: { userId: string; orderId: string }): Promise<OrderWithHistory> {
    if (!isId(input.orderId)) throw invalidOrderId();
    const summary = await this.deps.orders.find(input.orderId);
    if (!summary || summary.userId !== input.userId) throw orderNotFound(input.orderId);
    return { summary, history: await this.deps.orders.history(input.orderId) };
  }
}
