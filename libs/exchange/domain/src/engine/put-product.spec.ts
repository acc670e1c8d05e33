import { describe, expect, it } from 'vitest';
import { EngineDriver, PLAIN, eventsOf } from '../test-support/engine-driver';

describe('listing products', () => {
  it('lists a product and registers its currencies', () => {
    const driver = new EngineDriver();
    const result = driver.list();
    expect(eventsOf(result, 'product')).toEqual([{ type: 'product', product: PLAIN, listed: true }]);
    expect(driver.engine.products().map((product) => product.id)).toEqual(['AAA-BBB']);
    expect(driver.engine.currencies().map((c) => [c.code, c.scale])).toEqual([
      ['AAA', 0],
      ['BBB', 0],
    ]);
  });

  it('changes limits and fees of a listed product without touching its book', () => {
    const driver = new EngineDriver();
    driver.list();
    driver.deposit('u', 'BBB', 1_000n);
    const resting = driver.limit('u', 'buy', 10, 1);
    const result = driver.list({ ...PLAIN, minSize: '5', takerFee: '0.01' });
    expect(eventsOf(result, 'product')).toEqual([expect.objectContaining({ listed: false })]);
    expect(driver.engine.product('AAA-BBB')?.minLots).toBe(5);
    expect(driver.engine.order(resting.seq)?.remainingSize).toBe(1);
    expect(driver.limit('u', 'buy', 10, 1)).toMatchObject({ accepted: false, reason: 'size_too_small' });
  });
});
