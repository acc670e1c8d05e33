import type { AddToBasket, Basket, CheckoutAttempt, CheckoutStore } from '@mosaic/flashsale-domain';
import { userKey, type MemoryBasket, type MemoryFlashsaleDatabase } from './memory-flashsale-database';

export class MemoryCheckoutStore implements CheckoutStore {
  constructor(private readonly db: MemoryFlashsaleDatabase) {}

  addToBasket(input: AddToBasket): Promise<Basket> {
    // Under the store's lock, so an item never lands in a basket a purchase is closing.
    return this.db.lock.run(() => {
      const key = userKey(input.saleId, input.userId);
      let basket = this.db.baskets.get(this.db.openBaskets.get(key) ?? '');
      if (!basket) {
        basket = { code: input.newCode, saleId: input.saleId, userId: input.userId, items: [], result: null };
        this.db.baskets.set(basket.code, basket);
        this.db.openBaskets.set(key, basket.code);
      }
      if (!basket.items.includes(input.itemId)) basket.items.push(input.itemId);
      this.db.attempts.push({ saleId: input.saleId, userId: input.userId, itemId: input.itemId, outcome: 'added', code: basket.code, at: input.at });
      return copyOf(basket);
    });
  }

  async recordAttempt(attempt: CheckoutAttempt): Promise<void> {
    this.db.attempts.push(attempt);
  }

  async findBasket(code: string): Promise<Basket | undefined> {
    const basket = this.db.baskets.get(code);
    return basket && copyOf(basket);
  }

  async listAttempts(saleId: string, userId: string): Promise<CheckoutAttempt[]> {
    return this.db.attempts.filter((attempt) => attempt.saleId === saleId && attempt.userId === userId);
  }
}

export const copyOf = (basket: MemoryBasket): Basket => ({ ...basket, items: [...basket.items] });
