import { BTC_USDT, type ProductSpec } from '@mosaic/exchange-domain';

/** ETH-USDT: 0.01 USDT ticks, 0.001 ETH lots. */
export const ETH_USDT: ProductSpec = {
  id: 'ETH-USDT',
  baseCurrency: 'ETH',
  quoteCurrency: 'USDT',
  baseScale: 8,
  quoteScale: 6,
  tickSize: '0.01',
  stepSize: '0.001',
  minSize: '0.001',
  maxSize: '10000',
  minFunds: '1',
  maxFunds: '10000000',
  makerFee: '0.001',
  takerFee: '0.002',
};

/** The markets an exchange lists out of the box, one engine for all. */
export const DEFAULT_MARKETS: readonly ProductSpec[] = [BTC_USDT, ETH_USDT];
