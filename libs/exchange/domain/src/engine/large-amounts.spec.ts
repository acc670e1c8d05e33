import { describe, expect, it } from 'vitest';
import { EngineDriver } from '../test-support/engine-driver';
import type { ProductSpec } from '../product/product';
import { ExchangeEngine } from './exchange-engine';

/** An 18-decimal base: one lot is 10^15 minor units, so balances pass 2^53 after a few lots. */
const WEI: ProductSpec = {
  id: 'ETH-USDT',
  baseCurrency: 'ETH',
  quoteCurrency: 'USDT',
  baseScale: 18,
  quoteScale: 6,
  tickSize: '0.01',
  stepSize: '0.001',
  minSize: '0.001',
  maxSize: '1000000',
  minFunds: '1',
  maxFunds: '100000000000',
  makerFee: '0.001',
  takerFee: '0.002',
};
const LOT = 10n ** 15n;
/** Quote minor units per tick per lot: 0.01 × 0.001 × 10^6. */
const UNIT = 10n;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

describe('amounts beyond 2^53', () => {
  it('are exact through deposits, holds, trades, fees and withdrawals, on either side of the limit', () => {
    const driver = new EngineDriver();
    const engine = driver.engine;
    driver.list(WEI);
    driver.deposit('alice', 'ETH', 5000n * LOT);
    driver.deposit('bob', 'USDT', SAFE - 5n);
    driver.deposit('bob', 'USDT', 10n);
    expect(engine.balance('bob', 'USDT').available).toBe(SAFE + 5n);

    // Alice rests 3,000 lots (3 × 10^18 wei on hold); Bob takes 1,000 of them, then spends funds on more.
    const ask = driver.run({ type: 'place_order', userId: 'alice', productId: 'ETH-USDT', side: 'sell', orderType: 'limit', price: 200_000, size: 3_000 });
    expect(ask.accepted).toBe(true);
    expect(engine.balance('alice', 'ETH')).toEqual({ currency: 'ETH', available: 2000n * LOT, hold: 3000n * LOT });
    driver.run({ type: 'place_order', userId: 'bob', productId: 'ETH-USDT', side: 'buy', orderType: 'limit', price: 200_000, size: 1_000 });
    const funds = 3_000_000_123n;
    driver.run({ type: 'place_order', userId: 'bob', productId: 'ETH-USDT', side: 'buy', orderType: 'market', funds });

    const perLot = 200_000n * UNIT;
    const extraLots = funds / perLot;
    const lots = 1_000n + extraLots;
    const notional = lots * perLot;
    // Fees per trade, rounded down: the taker pays on what it receives, the maker likewise.
    const trades = [1_000n, extraLots];
    const bobFee = trades.reduce((sum, n) => sum + (n * LOT * 2_000n) / 1_000_000n, 0n);
    const aliceFee = trades.reduce((sum, n) => sum + (n * perLot * 1_000n) / 1_000_000n, 0n);
    expect(engine.balance('bob', 'ETH')).toEqual({ currency: 'ETH', available: lots * LOT - bobFee, hold: 0n });
    expect(engine.balance('bob', 'USDT')).toEqual({ currency: 'USDT', available: SAFE + 5n - notional, hold: 0n });
    expect(engine.balance('alice', 'ETH')).toEqual({ currency: 'ETH', available: 2000n * LOT, hold: (3000n - lots) * LOT });
    expect(engine.balance('alice', 'USDT')).toEqual({ currency: 'USDT', available: notional - aliceFee, hold: 0n });
    expect(engine.order(ask.accepted ? (ask.orderId ?? 0) : 0)).toMatchObject({
      executedValue: notional,
      fillFees: aliceFee,
      remainingSize: 3_000 - Number(lots),
    });

    // Bob's USDT went back below the limit by paying; a withdrawal takes it further.
    driver.run({ type: 'withdraw', userId: 'bob', currency: 'USDT', amount: 1_000n });
    expect(engine.balance('bob', 'USDT').available).toBe(SAFE + 5n - notional - 1_000n);
    expect(engine.audit()).toEqual([]);
    expect(engine.currencies().find((c) => c.code === 'ETH')).toMatchObject({ deposited: 5000n * LOT, fees: bobFee });

    // The same state by snapshot and by silent replay.
    const restored = ExchangeEngine.restore(engine.snapshot());
    expect(restored.stateHash()).toBe(engine.stateHash());
    expect(restored.audit()).toEqual([]);
    const replayed = new ExchangeEngine();
    replayed.replay(driver.log);
    expect(replayed.stateHash()).toBe(engine.stateHash());
  });
});
