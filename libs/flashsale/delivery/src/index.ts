export * from './http/flashsale-router';
export { SaleCountFeed } from './http/sale-count-feed';
