import { invalidCursor, isSaleId, invalidSaleId, type SaleItem } from '@mosaic/flashsale-domain';
import type { SaleDirectory } from '../shared/sale-directory';
import type { FlashsaleDeps } from '../shared/flashsale-deps';

export interface ItemsPage {
  readonly items: readonly SaleItem[];
  /** Give it back as `cursor` for the next page; null at the end. */
  readonly nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** A sale's items in order, a page at a time; the cursor is the last index seen. */
export class ListItems {
  constructor(
    private readonly deps: Pick<FlashsaleDeps, 'sales'>,
    private readonly directory: SaleDirectory,
  ) {}

  async execute(input: { saleId: string; cursor?: string; limit?: number }): Promise<ItemsPage> {
    if (!isSaleId(input.saleId)) throw invalidSaleId();
    const sale = await this.directory.get(input.saleId);
    const after = input.cursor === undefined ? -1 : Number(input.cursor);
    if (input.cursor !== undefined && (!/^\d{1,5}$/.test(input.cursor) || after >= sale.total)) throw invalidCursor();
    const limit = input.limit ?? DEFAULT_PAGE_SIZE;
    const items = await this.deps.sales.listItems(sale.id, after, limit);
    const last = items.at(-1);
    return { items, nextCursor: last && last.index < sale.total - 1 && items.length === limit ? String(last.index) : null };
  }
}
