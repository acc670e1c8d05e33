import { createTestAppContext } from '@mosaic/kit-app';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createPlatform } from './platform';

const TRANSFERS = '/api/v1/transfers';

/** The request-duration series for one method, route label and status, as /metrics shows it. */
const series = (method: string, route: string, status: number) =>
  new RegExp(`http_server_request_duration_seconds_count\\{[^}]*method="${method}"[^}]*route="${route.replace(/[/:]/g, '\\$&')}"[^}]*status="${status}"`);

describe('the platform names /api/v1/transfers by its template whatever the outcome', () => {
  it('in /metrics for a success, a refused sign-in, malformed JSON, a validation error and a wrong method (405)', async () => {
    const { http } = await createPlatform(await createTestAppContext({ ACCOUNT_TEST_DEPOSITS: 'true' }));
    const app = http.app;
    const credentials = { email: 'routes@example.com', password: 'correct horse battery staple' };
    await request(app).post('/api/v1/auth/register').send(credentials).expect(201);
    const auth = { Authorization: `Bearer ${(await request(app).post('/api/v1/auth/login').send(credentials)).body.accessToken as string}` };
    const open = async () => (await request(app).post('/api/v1/accounts').set(auth).send({ currency: 'USD' }).expect(201)).body.id as string;
    const [from, to] = [await open(), await open()];
    await request(app).post(`/api/v1/accounts/${from}/deposits`).set(auth).set('Idempotency-Key', 'routes-deposit').send({ amount: '10.00' }).expect(201);

    const outcomes = [
      await request(app).post(TRANSFERS).set(auth).set('Idempotency-Key', 'routes-1').send({ from, to, amount: '1.00' }),
      await request(app).post(TRANSFERS).send({ from, to, amount: '1.00' }),
      await request(app).post(TRANSFERS).set(auth).set('Content-Type', 'application/json').send('{"from": '),
      await request(app).post(TRANSFERS).set(auth).set('Idempotency-Key', 'routes-2').send({ from, to, amount: 'lots' }),
      await request(app).delete(TRANSFERS).set(auth),
    ];
    expect(outcomes.map((res) => res.status)).toEqual([201, 401, 400, 400, 405]);
    expect(outcomes[4]!.headers.allow).toContain('POST');

    const metrics = (await request(app).get('/metrics')).text;
    for (const status of [201, 401, 400]) expect(metrics).toMatch(series('POST', TRANSFERS, status));
    expect(metrics).toMatch(series('DELETE', TRANSFERS, 405));
  });
});
