import { assertUserId, type OrderSummary } from '@mosaic/flashsale-domain';
import type { FlashsaleDeps } from '../shared/flashsale-deps';

/** The user's orders from the `order_summary` read model, newest first. */
export class ListOrders {
  constructor(private readonly deps: Pick<FlashsaleDeps, 'orders'>) {}

  async execute(input: { userId: string; limit?: number }): Promise<OrderSummary[]> {
    assertUserId(input.userId);
    return this.deps.orders.listByUser(input.userId, input.limit ?? 50);
  }
}
