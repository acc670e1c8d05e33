import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExchangeClient } from './test-support/exchange-client';
import { runningExchange } from './test-support/composed-exchange';

describeWithBackend('mysql', 'the exchange with its history in MySQL', (backend) => {
  let database: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase(backend.url(), 'exchange_app');
    dir = await mkdtemp(join(tmpdir(), 'exchange-mysql-'));
  });

  afterAll(async () => {
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves orders and fills from MySQL and catches up from the journal after a restart without double-counting', async () => {
    const env = { MYSQL_URL: database.url, AUTH_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
    const first = await runningExchange(env, dir);
    const seller = await new ExchangeClient(first.url).signUp('seller');
    const buyer = await new ExchangeClient(first.url).signUp('buyer');
    const observe = async (url: string) => {
      const as = (client: ExchangeClient) => Object.assign(new ExchangeClient(url), { cookie: client.cookie });
      return {
        orders: (await as(buyer).call('GET', '/api/orders')).body,
        fills: (await as(buyer).call('GET', '/api/fills')).body,
        sellerOrders: (await as(seller).call('GET', '/api/orders')).body,
        sellerFills: (await as(seller).call('GET', '/api/fills')).body,
      };
    };
    let before: Awaited<ReturnType<typeof observe>>;
    try {
      await seller.deposit('BTC', '1');
      await buyer.deposit('USDT', '10000');
      await seller.order({ productId: 'BTC-USDT', side: 'sell', type: 'limit', price: '25000', size: '0.2' });
      const bought = await buyer.order({ productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '25000', size: '0.1', clientOid: 'mysql-1' });
      expect(bought.body).toMatchObject({ status: 'filled', filledSize: '0.1', executedValue: '2500' });
      before = await observe(first.url);
      expect(before.fills).toMatchObject([{ orderId: bought.body.id, size: '0.1', liquidity: 'T' }]);
      expect(before.sellerOrders).toMatchObject([{ status: 'open', filledSize: '0.1' }]);
    } finally {
      await first.close();
    }
    const second = await runningExchange(env, dir);
    try {
      expect(await observe(second.url)).toEqual(before);
    } finally {
      await second.close();
    }
  }, 60_000);
});
