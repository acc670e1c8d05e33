export * from './lib/flashsale-module';
export * from './lib/flashsale-settings';
export { SaleScheduler } from './lib/sale-scheduler';
