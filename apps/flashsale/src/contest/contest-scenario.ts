import { ManualClock } from '@mosaic/kit-core';
import { expect } from 'vitest';
import { composedFlashsale } from '../test-support/composed-flashsale';
import { runContest } from '@mosaic/flashsale-delivery/testing';
import { serveLocally } from './serve';
import { storeTruth } from './store-truth';

export interface ScenarioSize {
  readonly total: number;
  readonly users: number;
  readonly concurrency: number;
}

const LIMIT = 10;

/**
 * The contest on a composed app (memory or the backends `env` names): shoppers whose
 * demand exceeds supply, some trying to exceed the limit. Afterwards the store of
 * record, the order read model, the gate and what shoppers were told must all agree:
 * everything sold, nothing twice, nobody over the limit, nothing stranded.
 */
export async function contestScenario(env: NodeJS.ProcessEnv, size: ScenarioSize, redisNamespace?: string): Promise<void> {
  const clock = new ManualClock(Date.UTC(2026, 11, 1, 10, 10));
  const composed = await composedFlashsale(env, { clock, itemsPerSale: size.total, redisNamespace });
  const server = await serveLocally(composed.http.app);
  try {
    const saleId = '2026120110';
    const report = await runContest({
      baseUrl: () => server.url,
      saleId,
      total: size.total,
      users: size.users,
      concurrency: size.concurrency,
      greedyEvery: 7,
      limit: LIMIT,
      deadlineMs: 300_000,
    });
    await composed.flashsale.scheduler.tick();
    const users = [...report.bought.keys()];
    const truth = await storeTruth(composed.flashsale.adapters, saleId, size.total, users);

    expect([...report.failures]).toEqual([]);
    expect(report.oversold).toBe(0);
    expect(report.perUserExcess).toBe(0);
    // The greedy shopper who went first was refused at the limit, with the limit bought.
    expect(report.limitRefusals).toBeGreaterThan(0);
    expect(report.bought.get('shopper-0')).toHaveLength(LIMIT);
    expect(truth.sold).toBe(size.total);
    expect(truth.gateSold).toBe(size.total);
    expect(Math.max(...[...truth.byUser.values()].map((items) => items.length))).toBeLessThanOrEqual(LIMIT);
    // What each shopper was told is exactly what the store and their orders hold.
    for (const user of users) {
      const told = [...(report.bought.get(user) ?? [])].sort();
      expect([user, [...(truth.byUser.get(user) ?? [])].sort()]).toEqual([user, told]);
      expect([user, [...(truth.ordered.get(user) ?? [])].sort()]).toEqual([user, told]);
    }
  } finally {
    await server.close();
    await composed.close();
  }
}
