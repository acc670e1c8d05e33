import type { CheckoutStore, CodeGenerator, FlashsaleUnitOfWork, OrderReadModel, SaleGate, SaleRepository } from '@mosaic/flashsale-domain';
import type { Clock, IdGenerator } from '@mosaic/kit-core';

/**
 * What the flash-sale use cases need: the store of record (sales, baskets, the unit of
 * work, the order read model), the hot gate in front of it, and time and ids.
 */
export interface FlashsaleDeps {
  readonly sales: SaleRepository;
  readonly checkouts: CheckoutStore;
  readonly gate: SaleGate;
  readonly unitOfWork: FlashsaleUnitOfWork;
  readonly orders: OrderReadModel;
  readonly codes: CodeGenerator;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** Items in each new sale; default ITEMS_PER_SALE (smaller in tests). */
  readonly itemsPerSale?: number;
  /** Items one user may hold per sale; default MAX_ITEMS_PER_USER. */
  readonly limitPerUser?: number;
}
