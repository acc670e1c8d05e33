import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeClient } from './test-support/exchange-client';
import { runningExchange } from './test-support/composed-exchange';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('the exchange REST API (gitbitex contract)', () => {
  let exchange: Awaited<ReturnType<typeof runningExchange>>;
  let alice: ExchangeClient;
  let bob: ExchangeClient;

  beforeAll(async () => {
    exchange = await runningExchange();
    alice = await new ExchangeClient(exchange.url).signUp('alice');
    bob = await new ExchangeClient(exchange.url).signUp('bob');
    expect((await alice.deposit('USDT', '100000')).status).toBe(200);
    expect((await bob.deposit('BTC', '10')).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    await exchange?.close();
  });

  it('lists BTC-USDT and ETH-USDT with the client’s product fields', async () => {
    const res = await alice.call('GET', '/api/products');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        id: 'BTC-USDT',
        baseCurrency: 'BTC',
        quoteCurrency: 'USDT',
        baseMinSize: '0.0001',
        baseMaxSize: '1000',
        quoteIncrement: '0.01',
        baseScale: 4,
        quoteScale: 2,
      },
      {
        id: 'ETH-USDT',
        baseCurrency: 'ETH',
        quoteCurrency: 'USDT',
        baseMinSize: '0.001',
        baseMaxSize: '10000',
        quoteIncrement: '0.01',
        baseScale: 3,
        quoteScale: 2,
      },
    ]);
  });

  it('signs in with the cookie and the bare token; self is 403 when signed out', async () => {
    const anonymous = new ExchangeClient(exchange.url);
    const self = await anonymous.call('GET', '/api/users/self');
    expect(self.status).toBe(403);
    expect(self.body).toMatchObject({ message: expect.any(String), error: { code: 'signed_out' } });
    expect(typeof alice.token).toBe('string');
    expect(alice.cookie).toMatch(/^accessToken=/);
    const me = await alice.call('GET', '/api/users/self');
    expect(me.body).toEqual({ id: alice.userId, email: expect.stringContaining('@example.com'), name: expect.any(String), profilePhoto: '' });
  });

  it('places a limit order from JSON numbers, rests it, and answers with the order shape', async () => {
    const res = await bob.order({ productId: 'BTC-USDT', side: 'sell', type: 'limit', price: 27000, size: 0.5, funds: 13500 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      productId: 'BTC-USDT',
      side: 'sell',
      type: 'limit',
      price: '27000',
      size: '0.5',
      funds: '0',
      filledSize: '0',
      executedValue: '0',
      fillFees: '0',
      status: 'open',
      createdAt: expect.stringMatching(ISO),
      clientOid: null,
    });
  });

  it('fills a market buy by funds against it and reports fills, balances and the book', async () => {
    const buy = await alice.order({ productId: 'BTC-USDT', side: 'buy', type: 'market', price: 0, size: 0, funds: '2700' });
    expect(buy.status).toBe(200);
    expect(buy.body).toMatchObject({ type: 'market', status: 'filled', filledSize: '0.1', executedValue: '2700', funds: '2700', fillFees: '0.0002' });
    const fills = await alice.call('GET', '/api/fills?productId=BTC-USDT');
    expect(fills.body).toEqual([
      {
        id: expect.any(String),
        tradeId: expect.any(Number),
        orderId: buy.body.id,
        productId: 'BTC-USDT',
        side: 'buy',
        price: '27000',
        size: '0.1',
        fee: '0.0002',
        liquidity: 'T',
        settled: true,
        createdAt: expect.stringMatching(ISO),
      },
    ]);
    const accounts = await alice.call('GET', '/api/accounts?currency=BTC&currency=USDT');
    expect(accounts.body).toEqual([
      { currency: 'BTC', available: '0.0998', hold: '0' },
      { currency: 'USDT', available: '97300', hold: '0' },
    ]);
    const book = await alice.call('GET', '/api/products/BTC-USDT/book?level=2');
    expect(book.body).toMatchObject({ productId: 'BTC-USDT', bids: [], asks: [['27000', '0.4']] });
    const trades = await alice.call('GET', '/api/products/BTC-USDT/trades');
    expect(trades.body[0]).toEqual({ tradeId: expect.any(Number), time: expect.stringMatching(ISO), price: '27000', size: '0.1', side: 'buy' });
    const candles = await alice.call('GET', '/api/products/BTC-USDT/candles?granularity=60');
    expect(candles.body).toEqual([[expect.any(Number), 27000, 27000, 27000, 27000, 0.1]]);
  });
});
