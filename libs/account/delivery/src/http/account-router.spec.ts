import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { accountTestApp, as, asAdmin } from '../test-support/account-test-app';

const CARD = '6222020000000001';
const anAddress = { province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', line: '1 Lake Road' };
let keys = 0;
const key = () => ({ 'Idempotency-Key': `k-${++keys}` });

async function openAccount(app: ReturnType<typeof accountTestApp>['app'], user: string, currency = 'USD'): Promise<string> {
  const res = await request(app).post('/api/v1/accounts').set(as(user)).send({ currency });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function funded(app: ReturnType<typeof accountTestApp>['app'], user: string, amount = '100.00'): Promise<string> {
  const id = await openAccount(app, user);
  expect((await request(app).post(`/api/v1/accounts/${id}/deposits`).set(asAdmin()).send({ amount })).status).toBe(201);
  return id;
}

describe('account routes', () => {
  describe('accounts', () => {
    it('POST /accounts opens one and points at it; GET reads it back', async () => {
      const { app } = accountTestApp();
      const res = await request(app).post('/api/v1/accounts').set(as('alice')).send({ currency: 'CNY', address: anAddress });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/accounts/${res.body.id}`);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        id: expect.any(String),
        ownerId: 'alice',
        currency: 'CNY',
        balance: '0.00',
        address: anAddress,
        cards: [],
        version: 1,
        createdAt: expect.any(String),
      });
      const read = await request(app).get(res.headers.location!).set(as('alice'));
      expect(read.status).toBe(200);
      expect(read.body).toEqual(res.body);
    });

    it('GET /accounts lists the caller’s own', async () => {
      const { app } = accountTestApp();
      const mine = await openAccount(app, 'alice');
      await openAccount(app, 'bob');
      const res = await request(app).get('/api/v1/accounts').set(as('alice'));
      expect(res.body.accounts.map((account: { id: string }) => account.id)).toEqual([mine]);
    });

    it('GET /accounts/:id hides other users’ accounts (404) but shows them to admins', async () => {
      const { app } = accountTestApp();
      const id = await openAccount(app, 'alice');
      const foreign = await request(app).get(`/api/v1/accounts/${id}`).set(as('bob'));
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('account_not_found');
      expect((await request(app).get(`/api/v1/accounts/${id}`).set(asAdmin())).status).toBe(200);
    });
  });

  describe('money', () => {
    it('POST /accounts/:id/deposits credits (admin), replays by Idempotency-Key', async () => {
      const { app } = accountTestApp({ allowTestDeposits: false });
      const id = await openAccount(app, 'alice');
      const headers = { ...asAdmin(), ...key() };
      const first = await request(app).post(`/api/v1/accounts/${id}/deposits`).set(headers).send({ amount: '25.50' });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        depositId: expect.any(String),
        accountId: id,
        amount: '25.50',
        currency: 'USD',
        balanceAfter: '25.50',
        createdAt: expect.any(String),
      });
      const again = await request(app).post(`/api/v1/accounts/${id}/deposits`).set(headers).send({ amount: '25.5' });
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect((await request(app).get(`/api/v1/accounts/${id}`).set(as('alice'))).body.balance).toBe('25.50');
    });

    it('deposits need the admin role unless the router is in test mode', async () => {
      const strict = accountTestApp({ allowTestDeposits: false });
      const id = await openAccount(strict.app, 'alice');
      const refused = await request(strict.app).post(`/api/v1/accounts/${id}/deposits`).set(as('alice')).send({ amount: '1' });
      expect([refused.status, refused.body.error.code]).toEqual([403, 'deposits_forbidden']);

      const testMode = accountTestApp({ allowTestDeposits: true });
      const own = await openAccount(testMode.app, 'alice');
      expect((await request(testMode.app).post(`/api/v1/accounts/${own}/deposits`).set(as('alice')).send({ amount: '1' })).status).toBe(201);
      expect((await request(testMode.app).post(`/api/v1/accounts/${own}/deposits`).set(as('bob')).send({ amount: '1' })).status).toBe(404);
    });

    it('POST /transfers moves money once per key and answers a replay identically', async () => {
      const { app } = accountTestApp();
      const from = await funded(app, 'alice');
      const to = await openAccount(app, 'bob');
      const headers = { ...as('alice'), ...key() };
      const first = await request(app).post('/api/v1/transfers').set(headers).send({ from, to, amount: '30.25' });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ transferId: expect.any(String), from, to, amount: '30.25', currency: 'USD', createdAt: expect.any(String) });
      const replays = await Promise.all([1, 2, 3].map(() => request(app).post('/api/v1/transfers').set(headers).send({ from, to, amount: '30.25' })));
      for (const replay of replays) {
        expect(replay.status).toBe(201);
        expect(replay.body).toEqual(first.body);
        expect(replay.headers['idempotent-replayed']).toBe('true');
      }
      expect((await request(app).get(`/api/v1/accounts/${from}`).set(as('alice'))).body.balance).toBe('69.75');
      expect((await request(app).get(`/api/v1/accounts/${to}`).set(as('bob'))).body.balance).toBe('30.25');

      const reused = await request(app).post('/api/v1/transfers').set(headers).send({ from, to, amount: '1.00' });
      expect([reused.status, reused.body.error.code]).toEqual([422, 'idempotency_key_reused']);
    });

    it('POST /accounts/:id/withdrawals sends money to an enabled card', async () => {
      const { app } = accountTestApp();
      const id = await funded(app, 'alice', '10.00');
      await request(app).post(`/api/v1/accounts/${id}/cards`).set(as('alice')).send({ number: CARD, bankName: 'ICBC' });
      const res = await request(app).post(`/api/v1/accounts/${id}/withdrawals`).set(as('alice')).send({ amount: '4.00', cardNumber: CARD });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ accountId: id, amount: '4.00', cardNumber: CARD, balanceAfter: '6.00' });
    });

    it('GET /accounts/:id/ledger pages newest first with a cursor', async () => {
      const { app } = accountTestApp();
      const from = await funded(app, 'alice', '10.00');
      const to = await openAccount(app, 'bob');
      for (const amount of ['1.00', '2.00', '3.00']) {
        expect(
          (
            await request(app)
              .post('/api/v1/transfers')
              .set({ ...as('alice'), ...key() })
              .send({ from, to, amount })
          ).status,
        ).toBe(201);
      }
      const first = await request(app).get(`/api/v1/accounts/${from}/ledger?limit=2`).set(as('alice'));
      expect(first.status).toBe(200);
      expect(first.body.entries.map((entry: { amount: string }) => entry.amount)).toEqual(['-3.00', '-2.00']);
      expect(first.body.entries[0]).toMatchObject({ kind: 'transfer_out', balanceAfter: '4.00', counterpartyAccountId: to });
      const second = await request(app).get(`/api/v1/accounts/${from}/ledger?limit=2&cursor=${first.body.nextCursor}`).set(as('alice'));
      expect(second.body.entries.map((entry: { amount: string }) => entry.amount)).toEqual(['-1.00', '10.00']);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('address and cards', () => {
    it('PUT /accounts/:id/address replaces the address', async () => {
      const { app } = accountTestApp();
      const id = await openAccount(app, 'alice');
      const res = await request(app).put(`/api/v1/accounts/${id}/address`).set(as('alice')).send(anAddress);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ address: anAddress, version: 2 });
    });

    it('cards are added, disabled, enabled and removed by number', async () => {
      const { app } = accountTestApp();
      const id = await openAccount(app, 'alice');
      const added = await request(app).post(`/api/v1/accounts/${id}/cards`).set(as('alice')).send({ number: CARD, bankName: 'ICBC' });
      expect(added.status).toBe(201);
      expect(added.body.cards).toEqual([{ number: CARD, bankName: 'ICBC', enabled: true, addedAt: expect.any(String) }]);
      const disabled = await request(app).post(`/api/v1/accounts/${id}/cards/${CARD}/disable`).set(as('alice'));
      expect([disabled.status, disabled.body.cards[0].enabled]).toEqual([200, false]);
      const enabled = await request(app).post(`/api/v1/accounts/${id}/cards/${CARD}/enable`).set(as('alice'));
      expect([enabled.status, enabled.body.cards[0].enabled]).toEqual([200, true]);
      const removed = await request(app).delete(`/api/v1/accounts/${id}/cards/${CARD}`).set(as('alice'));
      expect([removed.status, removed.body.cards]).toEqual([200, []]);
      const again = await request(app).delete(`/api/v1/accounts/${id}/cards/${CARD}`).set(as('alice'));
      expect([again.status, again.body.error.code]).toEqual([404, 'card_not_found']);
    });
  });

  describe('points', () => {
    it('POST /points opens, GET /points lists, GET /points/:id reads, POST /points/purchases buys', async () => {
      const { app } = accountTestApp();
      const accountId = await funded(app, 'alice', '20.00');
      const opened = await request(app).post('/api/v1/points').set(as('alice')).send({});
      expect(opened.status).toBe(201);
      expect(opened.body).toEqual({ id: expect.any(String), ownerId: 'alice', points: '0', version: 1, createdAt: expect.any(String) });
      const pointsId = opened.body.id as string;
      expect(opened.headers.location).toBe(`/api/v1/points/${pointsId}`);
      expect((await request(app).get('/api/v1/points').set(as('alice'))).body.points.map((p: { id: string }) => p.id)).toEqual([pointsId]);

      const bought = await request(app)
        .post('/api/v1/points/purchases')
        .set({ ...as('alice'), ...key() })
        .send({ accountId, pointsId, amount: '12.50' });
      expect(bought.status).toBe(201);
      expect(bought.body).toEqual({
        purchaseId: expect.any(String),
        accountId,
        pointsId,
        paid: '12.50',
        currency: 'USD',
        points: '1250',
        createdAt: expect.any(String),
      });
      expect((await request(app).get(`/api/v1/points/${pointsId}`).set(as('alice'))).body.points).toBe('1250');
      expect((await request(app).get(`/api/v1/accounts/${accountId}`).set(as('alice'))).body.balance).toBe('7.50');
      expect((await request(app).get(`/api/v1/points/${pointsId}`).set(as('bob'))).status).toBe(404);
    });
  });

  it.each([
    ['GET', '/api/v1/accounts'],
    ['POST', '/api/v1/accounts'],
    ['GET', '/api/v1/accounts/123'],
    ['GET', '/api/v1/accounts/123/ledger'],
    ['POST', '/api/v1/accounts/123/deposits'],
    ['POST', '/api/v1/accounts/123/withdrawals'],
    ['POST', '/api/v1/transfers'],
    ['PUT', '/api/v1/accounts/123/address'],
    ['POST', '/api/v1/accounts/123/cards'],
    ['DELETE', `/api/v1/accounts/123/cards/${CARD}`],
    ['POST', `/api/v1/accounts/123/cards/${CARD}/enable`],
    ['POST', `/api/v1/accounts/123/cards/${CARD}/disable`],
    ['GET', '/api/v1/points'],
    ['POST', '/api/v1/points'],
    ['GET', '/api/v1/points/123'],
    ['POST', '/api/v1/points/purchases'],
  ])('%s %s needs an authenticated caller (401)', async (method, path) => {
    const { app } = accountTestApp();
    const res = await request(app)[method.toLowerCase() as 'get'](path).send({});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});
