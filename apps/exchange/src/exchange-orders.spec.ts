import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeClient } from './test-support/exchange-client';
import { runningExchange } from './test-support/composed-exchange';

describe('orders, cancels, paging and funds over the exchange API', () => {
  let exchange: Awaited<ReturnType<typeof runningExchange>>;
  let alice: ExchangeClient;
  let bob: ExchangeClient;

  beforeAll(async () => {
    exchange = await runningExchange();
    alice = await new ExchangeClient(exchange.url).signUp('alice');
    bob = await new ExchangeClient(exchange.url).signUp('bob');
    await alice.deposit('USDT', '50000');
    await bob.deposit('BTC', '5');
  }, 60_000);

  afterAll(async () => {
    await exchange?.close();
  });

  it('pages orders newest first with gbe-before / gbe-after and filters by repeated status keys', async () => {
    const placed: string[] = [];
    for (let i = 0; i < 5; i++)
      placed.push((await alice.order({ productId: 'BTC-USDT', side: 'buy', type: 'limit', price: `${100 + i}`, size: '0.01' })).body.id);
    const first = await alice.call('GET', '/api/orders?productId=BTC-USDT&limit=2');
    expect(first.body.map((o: { id: string }) => o.id)).toEqual([placed[4], placed[3]]);
    expect([first.headers.get('gbe-before'), first.headers.get('gbe-after')]).toEqual([placed[4], placed[3]]);
    const older = await alice.call('GET', `/api/orders?productId=BTC-USDT&limit=2&after=${first.headers.get('gbe-after')}`);
    expect(older.body.map((o: { id: string }) => o.id)).toEqual([placed[2], placed[1]]);
    const newer = await alice.call('GET', `/api/orders?productId=BTC-USDT&limit=2&before=${older.headers.get('gbe-before')}`);
    expect(newer.body.map((o: { id: string }) => o.id)).toEqual([placed[4], placed[3]]);

    expect((await alice.call('DELETE', `/api/orders/${placed[0]}`)).body).toMatchObject({ id: placed[0], status: 'cancelled' });
    const open = await alice.call('GET', '/api/orders?productId=BTC-USDT&status=open');
    expect(open.body).toHaveLength(4);
    const both = await alice.call('GET', '/api/orders?productId=BTC-USDT&status=open&status=cancelled');
    expect(both.body).toHaveLength(5);
    const cancelledAll = await alice.call('DELETE', '/api/orders?productId=BTC-USDT');
    expect(cancelledAll.body.sort()).toEqual(placed.slice(1).sort());
    expect((await alice.call('GET', '/api/orders?status=open')).body).toEqual([]);
    expect((await alice.call('GET', '/api/accounts?currency=USDT')).body).toEqual([{ currency: 'USDT', available: '50000', hold: '0' }]);
  });

  it('places an order once per clientOid, across retries', async () => {
    const body = { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '90', size: '0.01', clientOid: 'retry-me' };
    const first = await alice.order(body);
    const again = await alice.order(body);
    expect(again.body).toEqual(first.body);
    const mine = await alice.call('GET', '/api/orders?status=open');
    expect(mine.body.filter((o: { clientOid: string }) => o.clientOid === 'retry-me')).toHaveLength(1);
    // Another user may use the same client order id.
    await bob.deposit('USDT', '100');
    expect((await bob.order(body)).body.id).not.toBe(first.body.id);
  });

  it('lists every account without a currency, withdraws, and shows the wallet statement', async () => {
    const all = await bob.call('GET', '/api/accounts');
    expect(all.body.map((a: { currency: string }) => a.currency)).toEqual(['BTC', 'USDT', 'ETH']);
    const after = await bob.call('POST', '/api/admin/withdrawals', { currency: 'BTC', amount: '1.5' });
    expect(after.body).toEqual({ currency: 'BTC', available: '3.5', hold: '0' });
    const statement = await bob.call('GET', '/api/wallets/BTC/transactions');
    expect(statement.body).toEqual([
      { id: expect.any(String), currency: 'BTC', type: 'withdrawal', amount: '1.5', status: 'completed', createdAt: expect.any(String) },
      { id: expect.any(String), currency: 'BTC', type: 'deposit', amount: '5', status: 'completed', createdAt: expect.any(String) },
    ]);
  });

  it.each([
    ['unknown product', { productId: 'DOGE-USDT', side: 'buy', type: 'limit', price: '1', size: '1' }, 400, 'unknown_product'],
    ['price off the tick', { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '100.001', size: '0.01' }, 400, 'price_off_tick'],
    ['size off the step', { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '100', size: '0.00015' }, 400, 'size_off_step'],
    ['size above the maximum', { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '100', size: '1001' }, 422, 'size_too_large'],
    ['funds with too many decimals', { productId: 'BTC-USDT', side: 'buy', type: 'market', funds: '10.0000001' }, 400, 'funds_too_precise'],
    ['funds below the minimum', { productId: 'BTC-USDT', side: 'buy', type: 'market', funds: '0.5' }, 422, 'funds_too_small'],
    ['insufficient funds', { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '100000', size: '10' }, 422, 'insufficient_funds'],
    ['no side', { productId: 'BTC-USDT', type: 'limit', price: '100', size: '1' }, 400, 'validation_failed'],
    ['a limit without a price', { productId: 'BTC-USDT', side: 'buy', type: 'limit', size: '1' }, 400, 'validation_failed'],
  ])('refuses an order with %s, changing nothing', async (_case, body, status, code) => {
    const before = await alice.call('GET', '/api/accounts');
    const ordersBefore = await alice.call('GET', '/api/orders');
    const res = await alice.order(body);
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
    expect(res.body.message).toEqual(expect.any(String));
    expect((await alice.call('GET', '/api/accounts')).body).toEqual(before.body);
    expect((await alice.call('GET', '/api/orders')).body).toEqual(ordersBefore.body);
  });

  it('refuses to cancel another user’s or an unknown order with 404, and keeps trading', async () => {
    const bobs = await bob.order({ productId: 'BTC-USDT', side: 'sell', type: 'limit', price: '99999', size: '0.01' });
    const res = await alice.call('DELETE', `/api/orders/${bobs.body.id}`);
    expect([res.status, res.body.error.code]).toEqual([404, 'order_not_found']);
    expect((await alice.call('DELETE', '/api/orders/987654')).status).toBe(404);
    expect((await bob.call('GET', '/api/orders?status=open')).body.map((o: { id: string }) => o.id)).toContain(bobs.body.id);
    expect((await alice.order({ productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '99999', size: '0.01' })).body.status).toBe('filled');
  });

  it('answers 401 with a message for signed-out calls, and 4xx but not 401 for a wrong password', async () => {
    const anonymous = new ExchangeClient(exchange.url);
    const res = await anonymous.call('GET', '/api/orders');
    expect([res.status, typeof res.body.message]).toEqual([401, 'string']);
    const wrong = await anonymous.signIn('nobody@example.com', 'wrong password here');
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(wrong.status).toBeLessThan(500);
    expect(wrong.status).not.toBe(401);
    const unknownGranularity = await anonymous.call('GET', '/api/products/BTC-USDT/candles?granularity=61');
    expect([unknownGranularity.status, unknownGranularity.body.error.code]).toEqual([400, 'unknown_granularity']);
    expect((await anonymous.call('POST', '/api/admin/deposits', { currency: 'USDT', amount: '1' })).status).toBe(401);
    expect((await alice.call('POST', '/api/admin/deposits', { currency: 'XYZ', amount: '1' })).body.error.code).toBe('unknown_currency');
    expect((await alice.call('POST', '/api/admin/deposits', { userId: bob.userId, currency: 'USDT', amount: '1' })).status).toBe(403);
    const signOut = await alice.call('DELETE', '/api/users/accessToken');
    expect(signOut.headers.getSetCookie().join()).toMatch(/accessToken=;/);
  });
});

describe('deposits outside test mode', () => {
  it('are for admins only', async () => {
    const exchange = await runningExchange({ EXCHANGE_TEST_DEPOSITS: 'false' });
    try {
      const carol = await new ExchangeClient(exchange.url).signUp('carol');
      const res = await carol.deposit('USDT', '10');
      expect([res.status, res.body.error.code]).toEqual([403, 'transfers_forbidden']);
    } finally {
      await exchange.close();
    }
  }, 30_000);
});
