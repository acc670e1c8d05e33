import type { Sale, SaleItem, SaleRepository } from '@mosaic/flashsale-domain';
import type { MemoryFlashsaleDatabase } from './memory-flashsale-database';

export class MemorySaleRepository implements SaleRepository {
  constructor(private readonly db: MemoryFlashsaleDatabase) {}

  create(sale: Sale, items: readonly SaleItem[]): Promise<boolean> {
    return this.db.lock.run(() => {
      if (this.db.sales.has(sale.id)) return false;
      this.db.items.set(
        sale.id,
        items.map((item) => ({ ...item, soldTo: null, orderId: null })),
      );
      this.db.sales.set(sale.id, sale);
      return true;
    });
  }

  async find(id: string): Promise<Sale | undefined> {
    return this.db.sales.get(id);
  }

  async listItems(saleId: string, afterIndex: number, limit: number): Promise<SaleItem[]> {
    return (this.db.items.get(saleId) ?? [])
      .slice(afterIndex + 1, afterIndex + 1 + limit)
      .map(({ id, saleId: sale, index, name, soldTo }) => ({ id, saleId: sale, index, name, soldTo }));
  }

  async countSold(saleId: string): Promise<number> {
    return (await this.soldIndexes(saleId)).length;
  }

  async soldIndexes(saleId: string): Promise<number[]> {
    return (this.db.items.get(saleId) ?? []).filter((item) => item.soldTo !== null).map((item) => item.index);
  }

  async claims(saleId: string): Promise<Map<string, string[]>> {
    const claims = new Map<string, string[]>();
    const add = (userId: string, itemId: string) => {
      const list = claims.get(userId) ?? [];
      if (!list.includes(itemId)) list.push(itemId);
      claims.set(userId, list);
    };
    for (const item of this.db.items.get(saleId) ?? []) if (item.soldTo !== null) add(item.soldTo, item.id);
    for (const basket of this.db.baskets.values()) {
      if (basket.saleId === saleId && basket.result === null) for (const itemId of basket.items) add(basket.userId, itemId);
    }
    return claims;
  }
}
