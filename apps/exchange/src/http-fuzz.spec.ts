import { fuzzHttpApp } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';
import { ExchangeClient } from './test-support/exchange-client';
import { runningExchange } from './test-support/composed-exchange';

describe('the exchange app under random requests', () => {
  it('answers every mounted route without a 5xx, and every 4xx in the error shape', async () => {
    const exchange = await runningExchange();
    try {
      const trader = await new ExchangeClient(exchange.url).signUp('fuzz');
      await trader.deposit('USDT', '1000');
      const routes = exchange.routes.list();
      expect(routes.map((route) => route.template)).toEqual(expect.arrayContaining(['/api/orders', '/api/products/:id/book']));
      await fuzzHttpApp(exchange.app, routes, {
        runs: 300,
        headerSets: [{ cookie: trader.cookie ?? '', authorization: `Bearer ${trader.token ?? ''}`, 'content-type': 'application/json' }],
        bodyKeys: [
          'productId',
          'side',
          'type',
          'size',
          'price',
          'funds',
          'timeInForce',
          'postOnly',
          'clientOid',
          'currentPassword',
          'newPassword',
          'oldPassword',
        ],
        queryKeys: ['productId', 'status', 'granularity', 'level'],
      });
    } finally {
      await exchange.close();
    }
  }, 120_000);
});
