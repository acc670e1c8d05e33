import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { accountTestApp, as, asAdmin } from '../test-support/account-test-app';

const CARD = '6222020000000001';
const DISABLED = '6222020000000002';

interface World {
  usd: string;
  usd2: string;
  jpy: string;
  foreign: string;
  foreignJpy: string;
  points: string;
  foreignPoints: string;
}

type Row = [
  name: string,
  method: 'get' | 'post' | 'put' | 'delete',
  path: (w: World) => string,
  body: (w: World) => unknown,
  headers: Record<string, string>,
  status: number,
  code: string,
];

const key = { 'Idempotency-Key': 'bad-input-key' };
const transfer = (w: World, amount: unknown) => ({ from: w.usd, to: w.usd2, amount });

/** Every row is refused before any money moves; `code` names what was wrong. */
const rows: Row[] = [
  ['zero amount', 'post', () => '/api/v1/transfers', (w) => transfer(w, '0'), key, 400, 'zero_amount'],
  ['negative amount', 'post', () => '/api/v1/transfers', (w) => transfer(w, '-1.00'), key, 400, 'negative_amount'],
  ['fraction beyond scale', 'post', () => '/api/v1/transfers', (w) => transfer(w, '1.001'), key, 400, 'too_many_decimals'],
  ['fraction of a yen', 'post', (w) => `/api/v1/accounts/${w.jpy}/deposits`, () => ({ amount: '1.5' }), {}, 400, 'too_many_decimals'],
  ['non-numeric amount', 'post', () => '/api/v1/transfers', (w) => transfer(w, 'ten'), key, 400, 'invalid_decimal'],
  ['float amount', 'post', () => '/api/v1/transfers', (w) => transfer(w, 10.5), key, 400, 'invalid_decimal'],
  ['exponent amount', 'post', () => '/api/v1/transfers', (w) => transfer(w, '1e3'), key, 400, 'invalid_decimal'],
  ['huge amount', 'post', () => '/api/v1/transfers', (w) => transfer(w, '9'.repeat(30)), key, 400, 'amount_too_large'],
  ['missing amount', 'post', () => '/api/v1/transfers', (w) => ({ from: w.usd, to: w.usd2 }), key, 400, 'validation_failed'],
  ['amount as object', 'post', () => '/api/v1/transfers', (w) => transfer(w, { value: 1 }), key, 400, 'validation_failed'],
  ['unknown body field', 'post', () => '/api/v1/transfers', (w) => ({ ...transfer(w, '1'), ammount: '1' }), key, 400, 'validation_failed'],
  ['transfer to self', 'post', () => '/api/v1/transfers', (w) => ({ from: w.usd, to: w.usd, amount: '1' }), key, 400, 'same_account'],
  ['more than the balance', 'post', () => '/api/v1/transfers', (w) => transfer(w, '100.01'), key, 422, 'insufficient_funds'],
  ['other currency', 'post', () => '/api/v1/transfers', (w) => ({ from: w.usd, to: w.jpy, amount: '1' }), key, 422, 'currency_mismatch'],
  ['from a foreign account', 'post', () => '/api/v1/transfers', (w) => ({ from: w.foreign, to: w.usd, amount: '1' }), key, 404, 'account_not_found'],
  ['to an unknown account', 'post', () => '/api/v1/transfers', (w) => ({ from: w.usd, to: '999999999', amount: '1' }), key, 404, 'account_not_found'],
  ['malformed account id', 'post', () => '/api/v1/transfers', (w) => ({ from: 'abc', to: w.usd2, amount: '1' }), key, 400, 'validation_failed'],
  ['no Idempotency-Key', 'post', () => '/api/v1/transfers', (w) => transfer(w, '1'), {}, 400, 'idempotency_key_required'],
  ['bad Idempotency-Key', 'post', () => '/api/v1/transfers', (w) => transfer(w, '1'), { 'Idempotency-Key': 'x'.repeat(200) }, 400, 'invalid_idempotency_key'],
  ['unsupported currency', 'post', () => '/api/v1/accounts', () => ({ currency: 'XYZ' }), {}, 400, 'unsupported_currency'],
  ['missing currency', 'post', () => '/api/v1/accounts', () => ({}), {}, 400, 'validation_failed'],
  ['incomplete address', 'put', (w) => `/api/v1/accounts/${w.usd}/address`, () => ({ province: 'P', city: 'C' }), {}, 400, 'invalid_address'],
  [
    'address of a foreign account',
    'put',
    (w) => `/api/v1/accounts/${w.foreign}/address`,
    () => ({ province: 'P', city: 'C', district: 'D', line: 'L' }),
    {},
    404,
    'account_not_found',
  ],
  ['malformed card number', 'post', (w) => `/api/v1/accounts/${w.usd}/cards`, () => ({ number: '1234', bankName: 'ICBC' }), {}, 400, 'invalid_card_number'],
  ['blank bank name', 'post', (w) => `/api/v1/accounts/${w.usd}/cards`, () => ({ number: '6222020000000009', bankName: ' ' }), {}, 400, 'invalid_bank_name'],
  ['duplicate card', 'post', (w) => `/api/v1/accounts/${w.usd}/cards`, () => ({ number: CARD, bankName: 'ICBC' }), {}, 409, 'card_exists'],
  ['missing card', 'post', (w) => `/api/v1/accounts/${w.usd}/cards/6222020000000009/enable`, () => ({}), {}, 404, 'card_not_found'],
  ['malformed card in the path', 'delete', (w) => `/api/v1/accounts/${w.usd}/cards/12ab`, () => ({}), {}, 400, 'validation_failed'],
  [
    'withdrawal to a disabled card',
    'post',
    (w) => `/api/v1/accounts/${w.usd}/withdrawals`,
    () => ({ amount: '1', cardNumber: DISABLED }),
    {},
    422,
    'card_disabled',
  ],
  [
    'withdrawal to a missing card',
    'post',
    (w) => `/api/v1/accounts/${w.usd}/withdrawals`,
    () => ({ amount: '1', cardNumber: '6222020000000009' }),
    {},
    404,
    'card_not_found',
  ],
  [
    'deposit from a disabled card',
    'post',
    (w) => `/api/v1/accounts/${w.usd}/deposits`,
    () => ({ amount: '1', cardNumber: DISABLED }),
    {},
    422,
    'card_disabled',
  ],
  ['deposit into a foreign account', 'post', (w) => `/api/v1/accounts/${w.foreign}/deposits`, () => ({ amount: '1' }), {}, 404, 'account_not_found'],
  ['statement cursor', 'get', (w) => `/api/v1/accounts/${w.usd}/ledger?cursor=abc`, () => undefined, {}, 400, 'invalid_cursor'],
  ['statement limit', 'get', (w) => `/api/v1/accounts/${w.usd}/ledger?limit=1000`, () => undefined, {}, 400, 'validation_failed'],
  ['malformed account in the path', 'get', () => '/api/v1/accounts/not-an-id', () => undefined, {}, 400, 'validation_failed'],
  [
    'foreign points',
    'post',
    () => '/api/v1/points/purchases',
    (w) => ({ accountId: w.usd, pointsId: w.foreignPoints, amount: '1' }),
    {},
    404,
    'points_not_found',
  ],
  [
    'purchase beyond the balance',
    'post',
    () => '/api/v1/points/purchases',
    (w) => ({ accountId: w.usd, pointsId: w.points, amount: '500' }),
    {},
    422,
    'insufficient_funds',
  ],
  ['malformed JSON', 'post', () => '/api/v1/transfers', () => '{"from": ', { ...key, 'Content-Type': 'application/json' }, 400, 'malformed_json'],
];

describe('bad input', () => {
  const { app } = accountTestApp();
  const world = {} as World;

  beforeAll(async () => {
    const open = async (user: string, currency = 'USD') => (await request(app).post('/api/v1/accounts').set(as(user)).send({ currency })).body.id as string;
    world.usd = await open('alice');
    world.usd2 = await open('alice');
    world.jpy = await open('alice', 'JPY');
    world.foreign = await open('bob');
    world.foreignJpy = await open('bob', 'JPY');
    world.points = (await request(app).post('/api/v1/points').set(as('alice')).send({})).body.id;
    world.foreignPoints = (await request(app).post('/api/v1/points').set(as('bob')).send({})).body.id;
    await request(app).post(`/api/v1/accounts/${world.usd}/deposits`).set(asAdmin()).send({ amount: '100.00' });
    for (const number of [CARD, DISABLED]) await request(app).post(`/api/v1/accounts/${world.usd}/cards`).set(as('alice')).send({ number, bankName: 'ICBC' });
    await request(app).post(`/api/v1/accounts/${world.usd}/cards/${DISABLED}/disable`).set(as('alice'));
  });

  it.each(rows)('%s → %i %s', async (_name, method, path, body, headers, status, code) => {
    const res = await request(app)
      [method](path(world))
      .set({ ...as('alice'), ...headers })
      .send(body(world) as object);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toEqual(expect.any(String));
    const balance = (await request(app).get(`/api/v1/accounts/${world.usd}`).set(as('alice'))).body.balance;
    expect(balance).toBe('100.00');
  });

  it('answers a foreign account of another currency exactly like a missing one (no existence oracle)', async () => {
    const attempt = async (to: string) => {
      const res = await request(app)
        .post('/api/v1/transfers')
        .set({ ...as('alice'), 'Idempotency-Key': `probe-${to}` })
        .send({ from: world.usd, to, amount: '1' });
      return { status: res.status, body: JSON.stringify(res.body).replaceAll(to, '<to>') };
    };
    const missing = await attempt('999999999');
    expect(missing.status).toBe(404);
    expect(await attempt(world.foreignJpy)).toEqual(missing);
  });

  it('names the offending field in the details', async () => {
    const res = await request(app)
      .post('/api/v1/transfers')
      .set({ ...as('alice'), ...key })
      .send({ from: 'abc', to: world.usd2, amount: '1' });
    expect(res.body.error.details).toEqual([{ path: 'body.from', message: expect.stringContaining('account id') }]);
  });
});
