import { describe, expect, it } from 'vitest';
import { EngineDriver, eventsOf } from '../test-support/engine-driver';

describe('deposits and withdrawals', () => {
  it('credit and debit available funds and keep the ledger totals', () => {
    const driver = new EngineDriver();
    driver.list();
    const deposited = driver.deposit('u', 'BBB', 500n);
    expect(eventsOf(deposited, 'deposit')).toEqual([{ type: 'deposit', userId: 'u', currency: 'BBB', amount: 500n, time: driver.time }]);
    expect(eventsOf(deposited, 'balance')).toEqual([{ type: 'balance', userId: 'u', currency: 'BBB', available: 500n, hold: 0n }]);
    const withdrawn = driver.run({ type: 'withdraw', userId: 'u', currency: 'BBB', amount: 120n });
    expect(eventsOf(withdrawn, 'withdrawal')).toHaveLength(1);
    expect(driver.engine.balance('u', 'BBB')).toEqual({ currency: 'BBB', available: 380n, hold: 0n });
    expect(driver.engine.currencies().find((c) => c.code === 'BBB')).toMatchObject({ deposited: 500n, withdrawn: 120n, fees: 0n });
  });

  it('reports zero balances for unknown users and currencies', () => {
    const driver = new EngineDriver();
    driver.list();
    expect(driver.engine.balance('nobody', 'BBB')).toEqual({ currency: 'BBB', available: 0n, hold: 0n });
    expect(driver.engine.balance('nobody', 'XYZ')).toEqual({ currency: 'XYZ', available: 0n, hold: 0n });
    expect(driver.engine.balances('nobody')).toEqual([]);
  });
});
