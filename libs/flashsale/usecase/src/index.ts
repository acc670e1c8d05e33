export * from './flashsale-use-cases';
export type { FlashsaleDeps } from './shared/flashsale-deps';
export type { CheckoutInput } from './checkout/checkout';
export type { PurchaseInput } from './purchase/purchase';
export type { ChangeOrderInput } from './change-order/change-order';
export type { SaleView } from './get-sale/get-sale';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ItemsPage } from './list-items/list-items';
export type { OrderWithHistory } from './get-order/get-order';
