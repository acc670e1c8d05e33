import { createTestAppContext } from '@mosaic/kit-app';
import { fuzzHttpApp } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';
import { composeUrlshortener } from './compose-urlshortener';

describe('the urlshortener app under random requests', () => {
  it('answers every mounted route without a 5xx, and every 4xx in the error shape', async () => {
    const { http } = await composeUrlshortener(await createTestAppContext({ URLSHORTENER_CREATE_LIMIT: '100000' }));
    const routes = http.routes.list();
    expect(routes.map((route) => route.template)).toEqual(expect.arrayContaining(['/:code', '/api/v1/links']));
    await fuzzHttpApp(http.app, routes, { runs: 300, headerSets: [{ 'content-type': 'application/json' }] });
  }, 120_000);
});
