import {
  concurrentModification,
  invalidOrderId,
  Order,
  orderNotFound,
  parseItemId,
  phaseOf,
  type OrderAction,
  type OrderSummary,
} from '@mosaic/flashsale-domain';
import { isAppError, isId } from '@mosaic/kit-core';
import type { FlashsaleDeps } from '../shared/flashsale-deps';
import type { SaleDirectory } from '../shared/sale-directory';

export interface ChangeOrderInput {
  readonly userId: string;
  readonly orderId: string;
  readonly action: OrderAction;
}

const ATTEMPTS = 5;

/**
 * Pays, ships or cancels an order for its owner. The order is rebuilt from its stream,
 * the domain decides whether the transition is allowed, and the new event is appended
 * at the next version: a concurrent change of the same order makes the append collide,
 * and the command is run again on the newer stream. Cancelling while the sale is open
 * gives the items back to the sale (and the user's limit back to the user).
 */
export class ChangeOrder {
  constructor(
    private readonly deps: Pick<FlashsaleDeps, 'unitOfWork' | 'orders' | 'gate' | 'ids' | 'clock'>,
    private readonly directory: SaleDirectory,
  ) {}

  async execute(input: ChangeOrderInput): Promise<OrderSummary> {
    if (!isId(input.orderId)) throw invalidOrderId();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(input);
      } catch (error) {
        if (attempt >= ATTEMPTS || !isAppError(error) || error.code !== 'concurrent_modification') throw error;
      }
    }
  }

  private async attempt(input: ChangeOrderInput): Promise<OrderSummary> {
    const returned = await this.deps.unitOfWork.run(async (tx) => {
      const order = Order.replay(await tx.loadOrder(input.orderId));
      if (!order || order.userId !== input.userId) throw orderNotFound(input.orderId);
      order.apply(input.action, { eventId: this.deps.ids.next(), at: this.deps.clock.now() });
      const giveBack: string[] = [];
      const sale = input.action === 'cancel' ? await this.directory.find(order.saleId) : undefined;
      if (sale && phaseOf(sale, this.deps.clock.nowMs()) === 'open') {
        for (const id of order.items) if (await tx.releaseItem(id, order.userId)) giveBack.push(id);
        await tx.returnQuota(order.saleId, order.userId, giveBack.length);
      }
      await tx.appendOrderEvents(order.pending);
      return { order, giveBack };
    });
    if (returned.giveBack.length > 0) {
      const { order, giveBack } = returned;
      await this.deps.gate
        .markFree(
          order.saleId,
          giveBack.map((id) => (parseItemId(id) as { index: number }).index),
        )
        .catch(() => undefined);
      await this.deps.gate.unclaim(order.saleId, order.userId, giveBack).catch(() => undefined);
    }
    const summary = await this.deps.orders.find(input.orderId);
    if (!summary) throw concurrentModification(input.orderId);
    return summary;
  }
}
