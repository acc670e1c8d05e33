export * from './http/flashsale-router';
export { SaleCountFeed } from './http/sale-count-feed';
export { fastCheckout } from './http/fast-checkout';
