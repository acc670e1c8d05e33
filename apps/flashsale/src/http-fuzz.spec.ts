import { ManualClock } from '@mosaic/kit-core';
import { fuzzHttpApp, signedUpUser } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';
import { composedFlashsale } from './test-support/composed-flashsale';

describe('the flash-sale app under random requests', () => {
  it('answers every mounted route without a 5xx, and every 4xx in the error shape', async () => {
    // Ten past the hour, so a sale is open and checkout and purchase routes do real work.
    const composed = await composedFlashsale({}, { clock: new ManualClock(Date.UTC(2026, 11, 1, 10, 10)), itemsPerSale: 30 });
    try {
      const { auth } = await signedUpUser(composed.http.app, 'fuzz');
      const routes = composed.http.routes.list();
      expect(routes.map((route) => route.template)).toEqual(expect.arrayContaining(['/sales/active', '/sales/:id/items']));
      await fuzzHttpApp(composed.http.app, routes, {
        runs: 300,
        headerSets: [{ authorization: auth.Authorization, 'content-type': 'application/json' }],
        queryKeys: ['id', 'user_id', 'sale'],
        bodyKeys: ['id', 'itemId', 'userId'],
      });
    } finally {
      await composed.close();
    }
  }, 120_000);
});
