import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeClient } from './test-support/exchange-client';
import { FeedClient } from './test-support/feed-client';
import { runningExchange } from './test-support/composed-exchange';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('the exchange feed on /ws (gitbitex contract)', () => {
  let exchange: Awaited<ReturnType<typeof runningExchange>>;
  let maker: ExchangeClient;
  let taker: ExchangeClient;
  const feeds: FeedClient[] = [];
  const feed = async () => {
    const client = await FeedClient.connect(exchange.wsUrl);
    feeds.push(client);
    return client;
  };

  beforeAll(async () => {
    exchange = await runningExchange();
    maker = await new ExchangeClient(exchange.url).signUp('maker');
    taker = await new ExchangeClient(exchange.url).signUp('taker');
    await maker.deposit('ETH', '100');
    await taker.deposit('USDT', '1000000');
  }, 60_000);

  afterAll(async () => {
    for (const client of feeds) client.close();
    await exchange?.close();
  });

  it('sends a fresh snapshot on every level2 subscribe, then l2updates with canonical decimals', async () => {
    await maker.order({
      productId: 'ETH-USDT',
      side: 'sell',
      type: 'limit',
      price: '2000.50',
      size: '1.500',
    });
    const client = await feed();
    client.send({
      type: 'subscribe',
      product_ids: ['ETH-USDT'],
      channels: ['level2'],
    });
    expect(await client.ofType('subscriptions')).toEqual({
      type: 'subscriptions',
      channels: [{ name: 'level2', product_ids: ['ETH-USDT'] }],
    });
    expect(await client.ofType('snapshot')).toEqual({
      type: 'snapshot',
      productId: 'ETH-USDT',
      sequence: expect.any(Number),
      bids: [],
      asks: [['2000.5', '1.5']],
    });
    await maker.order({
      productId: 'ETH-USDT',
      side: 'sell',
      type: 'limit',
      price: 2000.5,
      size: 0.5,
    });
    expect(await client.ofType('l2update')).toEqual({
      type: 'l2update',
      productId: 'ETH-USDT',
      sequence: expect.any(Number),
      time: expect.stringMatching(ISO),
      changes: [['sell', '2000.5', '2']],
    });
    client.send({
      type: 'unsubscribe',
      product_ids: ['ETH-USDT'],
      channels: ['level2'],
    });
    expect(await client.ofType('subscriptions')).toEqual({
      type: 'subscriptions',
      channels: [],
    });
    client.send({
      type: 'subscribe',
      product_ids: ['ETH-USDT'],
      channels: ['level2'],
    });
    expect(await client.ofType('snapshot')).toMatchObject({
      asks: [['2000.5', '2']],
    });
  });

  it('pushes match, ticker and candles_<granularity>, the ticker at once on subscribe, and ignores unknown channels', async () => {
    const client = await feed();
    client.send({
      type: 'subscribe',
      product_ids: ['ETH-USDT'],
      channels: ['match', 'ticker', 'candles', 'candles_60'],
    });
    expect(await client.ofType('subscriptions')).toEqual({
      type: 'subscriptions',
      channels: [
        { name: 'match', product_ids: ['ETH-USDT'] },
        { name: 'ticker', product_ids: ['ETH-USDT'] },
        { name: 'candles_60', product_ids: ['ETH-USDT'] },
      ],
    });
    const bought = await taker.order({
      productId: 'ETH-USDT',
      side: 'buy',
      type: 'limit',
      price: 2001,
      size: 0.25,
    });
    expect(bought.body.status).toBe('filled');
    const match = await client.ofType('match');
    expect(match).toEqual({
      type: 'match',
      productId: 'ETH-USDT',
      tradeId: expect.any(Number),
      time: expect.stringMatching(ISO),
      price: '2000.5',
      size: '0.25',
      side: 'buy',
      makerOrderId: expect.stringMatching(/^\d+$/),
      takerOrderId: bought.body.id,
    });
    expect(await client.ofType('candles_60')).toEqual({
      type: 'candles_60',
      productId: 'ETH-USDT',
      price: '2000.5',
      size: '0.25',
      time: match.time,
    });
    const ticker = await client.ofType('ticker');
    expect(ticker).toEqual({
      type: 'ticker',
      productId: 'ETH-USDT',
      price: '2000.5',
      open24h: '2000.5',
      high24h: '2000.5',
      low24h: '2000.5',
      volume24h: '0.25',
      side: 'buy',
      time: match.time,
      tradeId: match.tradeId,
    });
    const late = await feed();
    late.send({
      type: 'subscribe',
      product_ids: ['ETH-USDT'],
      channels: ['ticker'],
    });
    expect(await late.ofType('ticker')).toEqual(ticker);
  });

  it('sends order and funds only to their owner, authenticated by the subscribe token', async () => {
    const mine = await feed();
    const stranger = await feed();
    mine.send({
      type: 'subscribe',
      product_ids: ['ETH-USDT'],
      channels: ['order'],
      token: taker.token,
    });
    mine.send({
      type: 'subscribe',
      currency_ids: ['USDT', 'ETH'],
      channels: ['funds'],
      token: taker.token,
    });
    stranger.send({
      type: 'subscribe',
      product_ids: ['ETH-USDT'],
      channels: ['order'],
      token: maker.token,
    });
    stranger.send({
      type: 'subscribe',
      currency_ids: ['USDT'],
      channels: ['funds'],
      token: maker.token,
    });
    // The two subscribes verify their tokens concurrently: either may be listed first.
    const listed = await mine.next((m) => m.type === 'subscriptions' && (m.channels as unknown[]).length === 2);
    expect(listed.channels).toHaveLength(2);
    expect(listed.channels).toEqual(
      expect.arrayContaining([
        { name: 'order', product_ids: ['ETH-USDT'] },
        { name: 'funds', product_ids: [], currency_ids: ['USDT', 'ETH'] },
      ]),
    );
    await stranger.next((m) => m.type === 'subscriptions' && (m.channels as unknown[]).length === 2);
    const placed = await taker.order({
      productId: 'ETH-USDT',
      side: 'buy',
      type: 'limit',
      price: '1500',
      size: '1',
    });
    const order = await mine.ofType('order');
    expect(order).toEqual({
      type: 'order',
      id: placed.body.id,
      productId: 'ETH-USDT',
      side: 'buy',
      orderType: 'limit',
      price: '1500',
      size: '1',
      funds: '0',
      filledSize: '0',
      executedValue: '0',
      fillFees: '0',
      status: 'open',
      createdAt: expect.stringMatching(ISO),
      clientOid: null,
    });
    expect(await mine.ofType('funds')).toEqual({
      type: 'funds',
      currencyCode: 'USDT',
      currency: 'USDT',
      available: expect.any(String),
      hold: '1500',
    });
    // The maker's own push arrives on their socket after the taker's order; the taker's never does.
    await maker.order({
      productId: 'ETH-USDT',
      side: 'sell',
      type: 'limit',
      price: '2500',
      size: '0.1',
    });
    const makersOwn = await stranger.ofType('order');
    expect(makersOwn.price).toBe('2500');
    expect(stranger.messages.filter((m) => m.type === 'order' && m.id === placed.body.id)).toEqual([]);
  });

  it('answers private channels without a valid token, malformed frames, bad granularities and pings with frames, and keeps the connection', async () => {
    const client = await feed();
    client.send({
      type: 'subscribe',
      product_ids: ['ETH-USDT'],
      channels: ['order'],
    });
    expect(await client.ofType('error')).toMatchObject({
      type: 'error',
      code: 'unauthenticated',
      message: expect.any(String),
    });
    client.send({
      type: 'subscribe',
      product_ids: ['ETH-USDT'],
      channels: ['funds'],
      token: 'not-a-token',
    });
    expect(await client.ofType('error')).toMatchObject({
      code: 'invalid_token',
    });
    expect(await client.ofType('error')).toMatchObject({
      code: 'unauthenticated',
    });
    client.send('{not json');
    expect(await client.ofType('error')).toMatchObject({
      code: 'malformed_json',
    });
    client.send({ type: 'subscribe', channels: 'ticker' });
    expect(await client.ofType('error')).toMatchObject({
      code: 'malformed_message',
    });
    client.send({ type: 'dance' });
    expect(await client.ofType('error')).toMatchObject({
      code: 'unknown_type',
    });
    client.send({
      type: 'subscribe',
      product_ids: ['ETH-USDT'],
      channels: ['candles_61'],
    });
    expect(await client.ofType('error')).toMatchObject({
      code: 'unknown_granularity',
    });
    client.send({
      type: 'subscribe',
      product_ids: ['NOPE-USDT'],
      channels: ['ticker'],
    });
    expect(await client.ofType('error')).toMatchObject({
      code: 'unknown_product',
    });
    client.send({ type: 'ping' });
    expect(await client.ofType('pong')).toEqual({ type: 'pong' });
  });
});
