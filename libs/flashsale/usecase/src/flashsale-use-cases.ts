import { ChangeOrder } from './change-order/change-order';
import { Checkout } from './checkout/checkout';
import { EnsureSales } from './ensure-sales/ensure-sales';
import { GetOrder } from './get-order/get-order';
import { GetSale } from './get-sale/get-sale';
import { ListItems } from './list-items/list-items';
import { ListOrders } from './list-orders/list-orders';
import { Purchase } from './purchase/purchase';
import { ReconcileSale } from './reconcile-sale/reconcile-sale';
import type { FlashsaleDeps } from './shared/flashsale-deps';
import { SaleDirectory } from './shared/sale-directory';

export type FlashsaleUseCases = ReturnType<typeof createFlashsaleUseCases>;

/** Every flash-sale use case over one set of ports: what modules build and deliveries call. */
export function createFlashsaleUseCases(deps: FlashsaleDeps) {
  const directory = new SaleDirectory(deps.sales);
  return {
    ensureSales: new EnsureSales(deps),
    getSale: new GetSale(deps, directory),
    listItems: new ListItems(deps, directory),
    checkout: new Checkout(deps, directory),
    purchase: new Purchase(deps, directory),
    changeOrder: new ChangeOrder(deps, directory),
    listOrders: new ListOrders(deps),
    getOrder: new GetOrder(deps),
    reconcileSale: new ReconcileSale(deps, directory),
    clock: deps.clock,
  };
}
