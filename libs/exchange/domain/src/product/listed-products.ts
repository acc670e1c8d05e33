import type { ProductSpec } from './product';

/** BTC-USDT as a real market lists it: 0.01 USDT ticks, 0.0001 BTC lots, 0.1% maker / 0.2% taker. */
export const BTC_USDT: ProductSpec = {
  id: 'BTC-USDT',
  baseCurrency: 'BTC',
  quoteCurrency: 'USDT',
  baseScale: 8,
  quoteScale: 6,
  tickSize: '0.01',
  stepSize: '0.0001',
  minSize: '0.0001',
  maxSize: '1000',
  minFunds: '1',
  maxFunds: '10000000',
  makerFee: '0.001',
  takerFee: '0.002',
};
