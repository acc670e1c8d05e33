import { createTestAppContext } from '@mosaic/kit-app';
import { fuzzHttpApp } from '@mosaic/kit-testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createPlatform } from './platform';

describe('the platform under random requests', () => {
  it('answers every mounted route without a 5xx, and every 4xx in the error shape', async () => {
    const { http } = await createPlatform(await createTestAppContext());
    const credentials = { email: 'fuzz@example.com', password: 'correct horse battery staple' };
    await request(http.app).post('/api/v1/auth/register').send(credentials).expect(201);
    const { accessToken } = (await request(http.app).post('/api/v1/auth/login').send(credentials).expect(200)).body;
    const routes = http.routes.list();
    expect(routes.map((route) => route.template)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/transfers', '/api/v1/links/:code']));
    await fuzzHttpApp(http.app, routes, { runs: 400, headerSets: [{ authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' }] });
  }, 120_000);
});
