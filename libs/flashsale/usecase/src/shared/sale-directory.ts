import { parseItemId, unknownItem, unknownSale, type Sale, type SaleRepository } from '@mosaic/flashsale-domain';

/**
 * Sales never change once created, so each is read from the store once per process:
 * the hot path (every checkout) then costs no lookup.
 */
export class SaleDirectory {
  private readonly known = new Map<string, Sale>();

  constructor(private readonly sales: SaleRepository) {}

  async find(id: string): Promise<Sale | undefined> {
    const cached = this.known.get(id);
    if (cached) return cached;
    const sale = await this.sales.find(id);
    if (sale) {
      // Bounded: a process sees a sale an hour; old ones are dropped.
      if (this.known.size >= 64) this.known.delete(this.known.keys().next().value as string);
      this.known.set(id, sale);
    }
    return sale;
  }

  async get(id: string): Promise<Sale> {
    const sale = await this.find(id);
    if (!sale) throw unknownSale(id);
    return sale;
  }

  /** The sale of a well-formed item id and the item's position; unknown_item when no such item exists. */
  async itemOf(itemId: string): Promise<{ sale: Sale; index: number }> {
    const parsed = parseItemId(itemId);
    const sale = parsed && (await this.find(parsed.saleId));
    if (!parsed || !sale || parsed.index >= sale.total) throw unknownItem(itemId);
    return { sale, index: parsed.index };
  }
}
