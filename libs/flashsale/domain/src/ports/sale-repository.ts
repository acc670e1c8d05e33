import type { Sale } from '../sale/sale';
import type { SaleItem } from '../sale/sale-item';

/** Sales and their items in the store of record (MySQL, or memory). */
export interface SaleRepository {
  /**
   * Creates the sale with its items, all or nothing, unless it exists: true when this
   * call created it. Safe to call from several processes at once — exactly one creates.
   */
  create(sale: Sale, items: readonly SaleItem[]): Promise<boolean>;
  find(id: string): Promise<Sale | undefined>;
  /** Items in index order after `afterIndex` (-1 for the first page). */
  listItems(saleId: string, afterIndex: number, limit: number): Promise<SaleItem[]>;
  countSold(saleId: string): Promise<number>;
  /** Indexes of the items sold: the truth the hot counters are reconciled to. */
  soldIndexes(saleId: string): Promise<number[]>;
  /** What each user holds against the per-user limit: items in their open basket and items they bought. */
  claims(saleId: string): Promise<Map<string, string[]>>;
}
