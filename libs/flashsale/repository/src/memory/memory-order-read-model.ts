import type { OrderEvent, OrderReadModel, OrderSummary } from '@mosaic/flashsale-domain';
import type { MemoryFlashsaleDatabase } from './memory-flashsale-database';

export class MemoryOrderReadModel implements OrderReadModel {
  constructor(private readonly db: MemoryFlashsaleDatabase) {}

  async listByUser(userId: string, limit: number): Promise<OrderSummary[]> {
    const ids = this.db.summariesByUser.get(userId) ?? [];
    return ids
      .slice(-limit)
      .reverse()
      .map((id) => this.db.summaries.get(id) as OrderSummary);
  }

  async find(orderId: string): Promise<OrderSummary | undefined> {
    return this.db.summaries.get(orderId);
  }

  async history(orderId: string): Promise<OrderEvent[]> {
    return [...(this.db.orderEvents.get(orderId) ?? [])];
  }
}
