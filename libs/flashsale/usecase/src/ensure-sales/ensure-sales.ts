import { generateItems, ITEMS_PER_SALE, saleIdAt, saleOf, SALE_LENGTH_MS } from '@mosaic/flashsale-domain';
import type { FlashsaleDeps } from '../shared/flashsale-deps';

/**
 * The scheduler's step: makes sure the sale of the current hour and the next one
 * exist, so the next sale is ready before its hour starts. Idempotent, and safe with
 * several instances running it at once (the store creates each sale exactly once).
 */
export class EnsureSales {
  constructor(private readonly deps: Pick<FlashsaleDeps, 'sales' | 'clock' | 'itemsPerSale'>) {}

  /** The ids of the sales this call created. */
  async execute(): Promise<string[]> {
    const now = this.deps.clock.nowMs();
    const created: string[] = [];
    for (const at of [now, now + SALE_LENGTH_MS]) {
      const sale = saleOf(saleIdAt(at), this.deps.itemsPerSale ?? ITEMS_PER_SALE);
      if (await this.deps.sales.create(sale, generateItems(sale.id, sale.total))) created.push(sale.id);
    }
    return created;
  }
}
