import { describe, expect, it } from 'vitest';
import { demoDeposits } from './demo-deposits';

describe('demoDeposits', () => {
  it('funds each currency of the markets once, as decimal strings', () => {
    const markets = [
      { baseCurrency: 'BTC', quoteCurrency: 'USDT' },
      { baseCurrency: 'ETH', quoteCurrency: 'USDT' },
    ];
    expect(demoDeposits(markets)).toEqual([
      { currency: 'BTC', amount: '1' },
      { currency: 'USDT', amount: '10000' },
      { currency: 'ETH', amount: '10' },
    ]);
  });

  it('gives a currency beyond the defaults a whole-unit amount', () => {
    expect(demoDeposits([{ baseCurrency: 'SOL', quoteCurrency: 'USDT' }])).toEqual([
      { currency: 'SOL', amount: '100' },
      { currency: 'USDT', amount: '10000' },
    ]);
  });

  it('has nothing to deposit before the markets are known', () => {
    expect(demoDeposits([])).toEqual([]);
  });
});
