import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { signedUpUser } from '@mosaic/kit-testing';
import { composedAccount } from './test-support/composed-account';

describe('the account app on the embedded default', () => {
  const running: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const app of running.splice(0)) await app.close();
  });

  async function composedApp(env: NodeJS.ProcessEnv = { ACCOUNT_TEST_DEPOSITS: 'true' }) {
    const composed = await composedAccount(env);
    running.push(composed);
    return composed.http.app;
  }

  it('serves accounts to users signed in through auth: open, deposit, transfer, statement', async () => {
    const app = await composedApp();
    const alice = await signedUpUser(app, 'alice');
    const bob = await signedUpUser(app, 'bob');
    const from = await request(app).post('/api/v1/accounts').set(alice.auth).send({ currency: 'USD' }).expect(201);
    expect(from.body.ownerId).toBe(alice.userId);
    const to = await request(app).post('/api/v1/accounts').set(bob.auth).send({ currency: 'USD' }).expect(201);
    await request(app).post(`/api/v1/accounts/${from.body.id}/deposits`).set(alice.auth).send({ amount: '50.00' }).expect(201);
    const transfer = await request(app)
      .post('/api/v1/transfers')
      .set({ ...alice.auth, 'Idempotency-Key': 'first-transfer' })
      .send({ from: from.body.id, to: to.body.id, amount: '20.00' })
      .expect(201);
    expect(transfer.body.amount).toBe('20.00');
    expect((await request(app).get(`/api/v1/accounts/${to.body.id}`).set(bob.auth)).body.balance).toBe('20.00');
    expect((await request(app).get(`/api/v1/accounts/${to.body.id}`).set(alice.auth)).status).toBe(404);
    const statement = await request(app).get(`/api/v1/accounts/${from.body.id}/ledger`).set(alice.auth).expect(200);
    expect(statement.body.entries.map((entry: { amount: string }) => entry.amount)).toEqual(['-20.00', '50.00']);
  });

  it('serves the account page at / and the shared sign-in page, in the shared look', async () => {
    const app = await composedApp();
    const page = await request(app).get('/').expect(200);
    expect(page.text).toContain('<title>Accounts · Mosaic</title>');
    expect(page.text).toContain('data-sign-in="/signin"');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request(app).get('/signin').expect(200)).text).toContain('<title>Sign in · Mosaic</title>');
  });

  it('refuses requests without a valid token', async () => {
    const app = await composedApp();
    expect((await request(app).get('/api/v1/accounts')).status).toBe(401);
    const forged = await request(app).get('/api/v1/accounts').set('Authorization', 'Bearer not.a.token');
    expect([forged.status, forged.body.error.code]).toEqual([401, 'invalid_token']);
  });

  it('lets only admins deposit unless ACCOUNT_TEST_DEPOSITS is on', async () => {
    const app = await composedApp({ ACCOUNT_TEST_DEPOSITS: 'false' });
    const alice = await signedUpUser(app, 'alice');
    const account = await request(app).post('/api/v1/accounts').set(alice.auth).send({ currency: 'USD' }).expect(201);
    const refused = await request(app).post(`/api/v1/accounts/${account.body.id}/deposits`).set(alice.auth).send({ amount: '1' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'deposits_forbidden']);
  });

  it('reports its relay and notification consumer in /ready', async () => {
    const app = await composedApp();
    const ready = await request(app).get('/ready').expect(200);
    expect(ready.body.checks).toMatchObject({ 'account-outbox-relay': 'ok', 'account-notifications': 'ok' });
  });

  it('refuses to start with a malformed ACCOUNT_TEST_DEPOSITS, naming it', async () => {
    await expect(composedApp({ ACCOUNT_TEST_DEPOSITS: 'yes' })).rejects.toThrow(/ACCOUNT_TEST_DEPOSITS/);
  });
});
