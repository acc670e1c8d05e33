import {
  concurrentModification,
  projectSummary,
  type Basket,
  type FlashsaleTransaction,
  type FlashsaleUnitOfWork,
  type OrderEvent,
  type PurchaseResult,
} from '@mosaic/flashsale-domain';
import { copyOf } from './memory-checkout-store';
import { userKey, type MemoryFlashsaleDatabase } from './memory-flashsale-database';

/**
 * Transactions on the memory store: one at a time under the store's lock; each write
 * applies at once and leaves an undo step, and a unit of work that throws is undone
 * in reverse before the lock is released — all or nothing, like MySQL's.
 */
export class MemoryUnitOfWork implements FlashsaleUnitOfWork {
  constructor(
    private readonly db: MemoryFlashsaleDatabase,
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  async run<T>(work: (tx: FlashsaleTransaction) => Promise<T>): Promise<T> {
    const result = await this.db.lock.run(async () => {
      const undo: (() => void)[] = [];
      const events: OrderEvent[] = [];
      try {
        const result = await work(new MemoryTransaction(this.db, undo, events));
        this.db.outbox.append(events);
        return result;
      } catch (error) {
        for (const step of undo.reverse()) step();
        throw error;
      }
    });
    this.afterCommit();
    return result;
  }
}

class MemoryTransaction implements FlashsaleTransaction {
  constructor(
    private readonly db: MemoryFlashsaleDatabase,
    private readonly undo: (() => void)[],
    private readonly events: OrderEvent[],
  ) {}

  async lockBasket({ code }: Pick<Basket, 'code'>) {
    const basket = this.db.baskets.get(code);
    return basket && copyOf(basket);
  }

  async closeBasket(code: string, result: PurchaseResult): Promise<void> {
    const basket = this.db.baskets.get(code);
    if (!basket) return;
    const key = userKey(basket.saleId, basket.userId);
    const wasOpen = this.db.openBaskets.get(key) === code;
    basket.result = result;
    if (wasOpen) this.db.openBaskets.delete(key);
    this.undo.push(() => {
      basket.result = null;
      if (wasOpen) this.db.openBaskets.set(key, code);
    });
  }

  async sellItems(itemIds: readonly string[], userId: string, orderId: string): Promise<string[]> {
    const sold: string[] = [];
    for (const itemId of itemIds) {
      const item = this.db.item(itemId);
      if (!item || item.soldTo !== null) continue;
      item.soldTo = userId;
      item.orderId = orderId;
      this.undo.push(() => {
        item.soldTo = null;
        item.orderId = null;
      });
      sold.push(itemId);
    }
    return sold;
  }

  async releaseItem(itemId: string, userId: string): Promise<boolean> {
    const item = this.db.item(itemId);
    if (!item || item.soldTo !== userId) return false;
    const orderId = item.orderId;
    item.soldTo = null;
    item.orderId = null;
    this.undo.push(() => {
      item.soldTo = userId;
      item.orderId = orderId;
    });
    return true;
  }

  async takeQuota(saleId: string, userId: string, count: number, limit: number): Promise<number> {
    const key = userKey(saleId, userId);
    const bought = this.db.quotas.get(key) ?? 0;
    const counted = Math.max(0, Math.min(count, limit - bought));
    if (counted > 0) this.setQuota(key, bought + counted);
    return counted;
  }

  async returnQuota(saleId: string, userId: string, count: number): Promise<void> {
    const key = userKey(saleId, userId);
    this.setQuota(key, Math.max(0, (this.db.quotas.get(key) ?? 0) - count));
  }

  async loadOrder(orderId: string): Promise<OrderEvent[]> {
    return [...(this.db.orderEvents.get(orderId) ?? [])];
  }

  async appendOrderEvents(events: readonly OrderEvent[]): Promise<void> {
    for (const event of events) {
      const stream = this.db.orderEvents.get(event.aggregateId) ?? [];
      if (stream.some((stored) => stored.version === event.version)) throw concurrentModification(event.aggregateId);
      stream.push(event);
      this.db.orderEvents.set(event.aggregateId, stream);
      this.undo.push(() => stream.splice(stream.indexOf(event), 1));
      this.project(event);
      this.events.push(event);
    }
  }

  private project(event: OrderEvent): void {
    const before = this.db.summaries.get(event.aggregateId);
    const after = projectSummary(before, event);
    if (!after || after === before) return;
    this.db.summaries.set(event.aggregateId, after);
    const byUser = this.db.summariesByUser.get(after.userId) ?? [];
    const added = !before;
    if (added) byUser.push(after.orderId);
    this.db.summariesByUser.set(after.userId, byUser);
    this.undo.push(() => {
      if (before) this.db.summaries.set(event.aggregateId, before);
      else this.db.summaries.delete(event.aggregateId);
      if (added) byUser.splice(byUser.indexOf(after.orderId), 1);
    });
  }

  private setQuota(key: string, value: number): void {
    const before = this.db.quotas.get(key) ?? 0;
    this.db.quotas.set(key, value);
    this.undo.push(() => this.db.quotas.set(key, before));
  }
}
