import { fuzzHttpApp } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';
import { signedUpUser } from '@mosaic/kit-testing';
import { composedAccount } from './test-support/composed-account';

describe('the account app under random requests', () => {
  it('answers every mounted route without a 5xx, and every 4xx in the error shape', async () => {
    const { http, close } = await composedAccount({});
    try {
      const { auth } = await signedUpUser(http.app, 'fuzz');
      const routes = http.routes.list();
      expect(routes.map((route) => route.template)).toContain('/api/v1/accounts/:id');
      await fuzzHttpApp(http.app, routes, { runs: 300, headerSets: [{ authorization: auth.Authorization, 'content-type': 'application/json' }] });
    } finally {
      await close();
    }
  }, 120_000);
});
