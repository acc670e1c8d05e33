export * from './create-flashsale-adapters';
export { FLASHSALE_MIGRATIONS } from './mysql/flashsale-migrations';
export { CacheSaleGate } from './gate/cache-sale-gate';
export { randomCodes } from './crypto/random-codes';
