import { appErrorOf } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';
import { BTC_USDT, PLAIN } from '../test-support/engine-driver';
import { Product, type ProductSpec } from './product';

describe('Product', () => {
  const btc = Product.define(BTC_USDT);

  it('derives integer units from the decimal spec', () => {
    expect(btc.lotUnits).toBe(10_000n);
    expect(btc.quotePerTickLot).toBe(1n);
    expect(btc.minLots).toBe(1);
    expect(btc.maxLots).toBe(10_000_000);
    expect(btc.minFunds).toBe(1_000_000n);
    expect(btc.makerFeePpm).toBe(1_000n);
    expect(btc.takerFeePpm).toBe(2_000n);
  });

  it.each([
    ['60000.01', 6_000_001],
    ['60000.1', 6_000_010],
    ['0.01', 1],
    ['60000', 6_000_000],
  ])('reads price %s as %i ticks and writes it back', (price, ticks) => {
    expect(btc.priceToTicks(price)).toBe(ticks);
    expect(Number(btc.formatPrice(ticks))).toBe(Number(price));
  });

  it.each([
    ['60000.015', 'price_off_tick'],
    ['0', 'zero_amount'],
    ['-1', 'negative_amount'],
    ['abc', 'invalid_decimal'],
    [60000.5, 'invalid_decimal'],
  ])('rejects price %s with %s', (price, code) => {
    expect(appErrorOf(() => btc.priceToTicks(price)).code).toBe(code);
  });

  it('handles ticks coarser than the quote unit and finer than one', () => {
    const coarse = Product.define({ ...BTC_USDT, tickSize: '0.05' });
    expect(coarse.priceToTicks('100.05')).toBe(2001);
    expect(appErrorOf(() => coarse.priceToTicks('100.01')).code).toBe('price_off_tick');
    expect(coarse.formatPrice(2001)).toBe('100.05');
    const fine = Product.define({
      ...BTC_USDT,
      id: 'SHIB-USDT',
      baseCurrency: 'SHIB',
      baseScale: 0,
      tickSize: '0.00000001',
      stepSize: '1000000',
      minSize: '1000000',
      maxSize: '1000000000000',
    });
    expect(fine.quotePerTickLot).toBe(10_000n);
    expect(fine.priceToTicks('0.00002345')).toBe(2345);
  });

  it.each([
    ['0.25', 2500],
    ['0.0001', 1],
  ])('reads size %s as %i lots', (size, lots) => {
    expect(btc.sizeToLots(size)).toBe(lots);
    expect(Number(btc.formatSize(lots))).toBe(Number(size));
  });

  it('rejects sizes off the step and funds beyond the quote scale', () => {
    expect(appErrorOf(() => btc.sizeToLots('0.00015')).code).toBe('size_off_step');
    expect(appErrorOf(() => btc.sizeToLots('0.000000001')).code).toBe('size_off_step');
    expect(btc.fundsToUnits('100.5')).toBe(100_500_000n);
    expect(appErrorOf(() => btc.fundsToUnits('1.0000001')).code).toBe('funds_too_precise');
  });

  it('computes notional and base amounts exactly', () => {
    expect(btc.notional(6_000_001, 1_000)).toBe(6_000_001_000n);
    expect(btc.baseUnits(2_500)).toBe(25_000_000n);
  });

  it.each<[string, Partial<ProductSpec>, string]>([
    ['a tick × step below one quote unit', { stepSize: '0.00000001' }, 'tickSize'],
    ['a step finer than the base scale', { stepSize: '0.000000001' }, 'stepSize'],
    ['a min size off the step', { minSize: '0.00015' }, 'minSize'],
    ['min size above max size', { minSize: '2', maxSize: '1' }, 'maxSize'],
    ['min funds above max funds', { minFunds: '10', maxFunds: '1' }, 'maxFunds'],
    ['a fee of 100%', { takerFee: '1' }, 'takerFee'],
    ['a negative fee', { makerFee: '-0.001' }, 'makerFee'],
    ['a lower-case currency', { baseCurrency: 'btc' }, 'baseCurrency'],
    ['equal currencies', { quoteCurrency: 'BTC' }, 'quoteCurrency'],
    ['a scale above 18', { baseScale: 19 }, 'baseScale'],
    ['a bad id', { id: 'BTC USDT' }, 'id'],
    ['a zero tick', { tickSize: '0' }, 'tickSize'],
  ])('refuses %s', (_name, change, field) => {
    const error = appErrorOf(() => Product.define({ ...BTC_USDT, ...change }));
    expect(error).toMatchObject({ kind: 'invalid', code: 'invalid_product' });
    expect(error.details).toEqual([expect.objectContaining({ path: field })]);
  });

  it('tells a limits-and-fees change from a change of market', () => {
    const plain = Product.define(PLAIN);
    expect(plain.sameMarketAs(Product.define({ ...PLAIN, maxSize: '5', makerFee: '0.5' }))).toBe(true);
    expect(plain.sameMarketAs(Product.define({ ...PLAIN, stepSize: '2', minSize: '2', maxSize: '1000000' }))).toBe(false);
  });
});
