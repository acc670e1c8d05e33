import {
  assertCheckoutCode,
  assertOpen,
  MAX_ITEMS_PER_USER,
  Order,
  parseItemId,
  unknownCode,
  type Basket,
  type FlashsaleTransaction,
  type NotBoughtReason,
  type PurchaseResult,
} from '@mosaic/flashsale-domain';
import type { FlashsaleDeps } from '../shared/flashsale-deps';
import type { SaleDirectory } from '../shared/sale-directory';

export interface PurchaseInput {
  readonly code: string;
  /** When given (a signed-in caller), the basket must be theirs. */
  readonly userId?: string;
}

/**
 * Buys the basket's items that are still free and closes it with the result; the same
 * code answers the same result ever after, and never buys twice.
 *
 * 1. The gate holds the items nobody else is buying (atomically, per item).
 * 2. One transaction on the store of record locks the basket, then per held item does
 *    the conditional write (sold only if unsold) and counts it against the user's
 *    limit, places the order with what was bought, and closes the basket.
 * 3. The gate learns the outcome: bought and lost items are sold, others freed.
 * A crash between the steps leaves the gate behind the store, never ahead of it:
 * reconciliation catches it up, and the store never sells an item twice.
 */
export class Purchase {
  constructor(
    private readonly deps: Pick<FlashsaleDeps, 'checkouts' | 'gate' | 'unitOfWork' | 'ids' | 'clock' | 'limitPerUser'>,
    private readonly directory: SaleDirectory,
  ) {}

  async execute(input: PurchaseInput): Promise<PurchaseResult> {
    assertCheckoutCode(input.code);
    const basket = await this.deps.checkouts.findBasket(input.code);
    if (!basket || (input.userId !== undefined && basket.userId !== input.userId)) throw unknownCode();
    if (basket.result) return basket.result;
    const sale = await this.directory.get(basket.saleId);
    assertOpen(sale, this.deps.clock.nowMs());

    const items = [...basket.items].sort();
    const indexes = items.map((id) => (parseItemId(id) as { index: number }).index);
    const held = await this.deps.gate.hold(sale.id, indexes);
    const candidates = items.filter((_, i) => held[i]);
    let result: PurchaseResult;
    try {
      result = await this.deps.unitOfWork.run((tx) => this.buy(tx, basket, items, candidates));
    } catch (error) {
      await this.deps.gate
        .unhold(
          sale.id,
          indexes.filter((_, i) => held[i]),
        )
        .catch(() => undefined);
      throw error;
    }
    await this.settleGate(basket, result, candidates);
    return result;
  }

  private async buy(tx: FlashsaleTransaction, basket: Basket, items: string[], candidates: string[]): Promise<PurchaseResult> {
    const locked = await tx.lockBasket(basket);
    if (!locked) throw unknownCode();
    // A purchase with this code that got here first already decided.
    if (locked.result) return locked.result;
    const limit = this.deps.limitPerUser ?? MAX_ITEMS_PER_USER;
    const orderId = this.deps.ids.next();
    // Items in id order: every purchase locks them in the same order.
    const sold = await tx.sellItems(candidates, basket.userId, orderId);
    const counted = await tx.takeQuota(basket.saleId, basket.userId, sold.length, limit);
    const bought = sold.slice(0, counted);
    const overLimit = sold.slice(counted);
    for (const id of overLimit) await tx.releaseItem(id, basket.userId);
    const notBought: { id: string; reason: NotBoughtReason }[] = items
      .filter((id) => !bought.includes(id))
      .map((id) => ({ id, reason: overLimit.includes(id) ? 'limit_exceeded' : 'item_sold' }));
    const at = this.deps.clock.now();
    if (bought.length > 0) {
      const order = Order.place(
        { orderId, userId: basket.userId, saleId: basket.saleId, code: basket.code, items: bought },
        { eventId: this.deps.ids.next(), at },
      );
      await tx.appendOrderEvents(order.pending);
    }
    const result: PurchaseResult = { code: basket.code, bought, notBought, orderId: bought.length > 0 ? orderId : null };
    await tx.closeBasket(basket.code, result);
    return result;
  }

  /** Tells the gate what happened; a failure here is repaired by the next reconciliation. */
  private async settleGate(basket: Basket, result: PurchaseResult, candidates: readonly string[]): Promise<void> {
    const indexOf = (id: string) => (parseItemId(id) as { index: number }).index;
    const lostToLimit = result.notBought.filter((item) => item.reason === 'limit_exceeded').map((item) => item.id);
    const taken = [...result.bought, ...result.notBought.filter((item) => item.reason === 'item_sold' && candidates.includes(item.id)).map((item) => item.id)];
    try {
      await this.deps.gate.markSold(basket.saleId, taken.map(indexOf));
      await this.deps.gate.unhold(basket.saleId, lostToLimit.map(indexOf));
      await this.deps.gate.unclaim(
        basket.saleId,
        basket.userId,
        result.notBought.map((item) => item.id),
      );
    } catch {
      // The store already decided; the gate catches up at reconciliation.
    }
  }
}
