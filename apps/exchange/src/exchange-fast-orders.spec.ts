import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExchangeClient, type ApiResponse } from './test-support/exchange-client';
import { runningExchange } from './test-support/composed-exchange';

/**
 * POST /api/orders is answered ahead of express (kit-http's fast JSON route). The same
 * app's express alone, on a server of its own, is the reference: every answer must be
 * the one express gives, and express must not see the requests the fast route takes.
 */
describe('placing orders ahead of express', () => {
  let exchange: Awaited<ReturnType<typeof runningExchange>>;
  let expressOnly: Server;
  let fast: ExchangeClient;
  let reference: ExchangeClient;
  let dispatches: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    exchange = await runningExchange();
    expressOnly = createServer(exchange.app).listen(0, '127.0.0.1');
    await once(expressOnly, 'listening');
    const address = expressOnly.address();
    fast = await new ExchangeClient(exchange.url).signUp('fast');
    await fast.deposit('USDT', '10000');
    reference = new ExchangeClient(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    reference.cookie = fast.cookie;
    dispatches = vi.spyOn(exchange.app as unknown as { handle: (...args: unknown[]) => void }, 'handle');
  }, 60_000);

  afterAll(async () => {
    dispatches?.mockRestore();
    expressOnly?.close();
    await exchange?.close();
  });

  /** The answer without what differs between two orders by design: ids, times, and the headers derived from the body. */
  const comparable = (res: ApiResponse) => {
    const headers = Object.fromEntries([...res.headers].filter(([name]) => !['date', 'etag', 'content-length', 'x-request-id'].includes(name)));
    const body = res.body as Record<string, unknown>;
    return { status: res.status, headers, body: body?.id === undefined ? body : { ...body, id: 'id', createdAt: 'time' } };
  };

  const both = async (client: ExchangeClient, other: ExchangeClient, body: unknown) => {
    dispatches.mockClear();
    const viaFast = await client.call('POST', '/api/orders', body);
    const expressCalls = dispatches.mock.calls.length;
    const viaExpress = await other.call('POST', '/api/orders', body);
    return { viaFast, viaExpress, expressCalls };
  };

  it.each([
    ['a resting limit buy', { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '100', size: '0.01' }],
    ['a market buy with nothing to match', { productId: 'BTC-USDT', side: 'buy', type: 'market', funds: '10' }],
    ['an unknown product', { productId: 'DOGE-USDT', side: 'buy', type: 'limit', price: '1', size: '1' }],
    ['a price off the tick', { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '100.001', size: '0.01' }],
    ['a size above the maximum', { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '100', size: '1001' }],
    ['insufficient funds', { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '100000', size: '10' }],
    ['no side', { productId: 'BTC-USDT', type: 'limit', price: '100', size: '1' }],
    ['a body that is not an object', ['BTC-USDT']],
  ])('answers %s as express does, without express', async (_case, body) => {
    const { viaFast, viaExpress, expressCalls } = await both(fast, reference, body);
    expect(expressCalls).toBe(0);
    expect(comparable(viaFast)).toEqual(comparable(viaExpress));
  });

  it('answers a signed-out caller with the same 401', async () => {
    const { viaFast, viaExpress, expressCalls } = await both(new ExchangeClient(exchange.url), new ExchangeClient(reference.url), {
      productId: 'BTC-USDT',
      side: 'buy',
      type: 'limit',
      price: '100',
      size: '0.01',
    });
    expect(expressCalls).toBe(0);
    expect(viaFast.status).toBe(401);
    expect(comparable(viaFast)).toEqual(comparable(viaExpress));
  });

  it('answers malformed JSON with the server’s 400, as express does', async () => {
    const post = (url: string) =>
      fetch(`${url}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: fast.cookie ?? '' }, body: '{"productId":' });
    dispatches.mockClear();
    const viaFast = await post(exchange.url);
    expect(dispatches).not.toHaveBeenCalled();
    const viaExpress = await post(reference.url);
    expect([viaFast.status, await viaFast.text()]).toEqual([viaExpress.status, await viaExpress.text()]);
  });

  it('answers a retry with the same clientOid with the first order, on either path', async () => {
    const body = { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '95', size: '0.01', clientOid: 'fast-retry' };
    const first = await fast.order(body);
    expect((await fast.order(body)).body).toEqual(first.body);
    expect((await reference.order(body)).body).toEqual(first.body);
  });
});
