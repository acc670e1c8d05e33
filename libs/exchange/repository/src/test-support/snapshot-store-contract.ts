import { ExchangeEngine, type SnapshotStore } from '@mosaic/exchange-domain';
import { afterEach, describe, expect, it } from 'vitest';

export interface SnapshotHarness {
  store: SnapshotStore;
  cleanup?: () => Promise<void>;
}

/** An engine with a product, funds and a resting order, after `extra` deposits. */
export function engineAt(extra: number): ExchangeEngine {
  const engine = new ExchangeEngine();
  let seq = 0;
  const apply = (command: Parameters<ExchangeEngine['apply']>[0]['command']) => engine.apply({ seq: ++seq, time: 1_767_225_600_000 + seq, command });
  apply({
    type: 'put_product',
    product: {
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
      maxFunds: '1000000',
      makerFee: '0.001',
      takerFee: '0.002',
    },
  });
  apply({ type: 'deposit', userId: 'alice', currency: 'USDT', amount: 10n ** 12n });
  apply({ type: 'place_order', userId: 'alice', productId: 'BTC-USDT', side: 'buy', orderType: 'limit', price: 5_000_000, size: 10, ref: 'first' });
  for (let i = 0; i < extra; i++) apply({ type: 'deposit', userId: `user-${i}`, currency: 'BTC', amount: BigInt(i + 1) });
  return engine;
}

/** What every SnapshotStore backend must do; run once per backend. */
export function describeSnapshotStoreContract(name: string, harness: () => SnapshotHarness): void {
  describe(`SnapshotStore contract: ${name}`, () => {
    let h: SnapshotHarness | undefined;
    afterEach(async () => {
      await h?.cleanup?.();
    });

    it('has nothing before the first save', async () => {
      h = harness();
      expect(await h.store.latest()).toBeUndefined();
    });

    it('returns the newest snapshot, equal to what was saved', async () => {
      h = harness();
      const older = engineAt(1).snapshot();
      const newer = engineAt(5).snapshot();
      await h.store.save(older);
      await h.store.save(newer);
      const latest = await h.store.latest();
      expect(latest).toEqual(newer);
      expect(ExchangeEngine.restore(latest!).stateHash()).toBe(engineAt(5).stateHash());
    });
  });
}
