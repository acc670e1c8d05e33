import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createTestDatabase,
  createTestRedisNamespace,
  describeWithBackend,
  startAppProcess,
  startNpmScript,
  uniqueName,
  type AppProcess,
  type NpmScriptProcess,
  type TestDatabase,
  type TestRedisNamespace,
} from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allPages } from './test-support/all-pages';
import { ExchangeClient } from './test-support/exchange-client';
import { FeedClient } from './test-support/feed-client';
import { units } from './test-support/units';

const main = resolve(import.meta.dirname, 'main.ts');
const root = resolve(import.meta.dirname, '../../..');
const BATCH = 12;

interface OrderRow {
  id: string;
  clientOid: string;
  side: string;
  filledSize: string;
}

interface FillRow {
  orderId: string;
  side: string;
  size: string;
}

const pause = (ms: number) => new Promise((resolveWait) => setTimeout(resolveWait, ms));

describeWithBackend('redis', 'the exchange projector', (redis) => {
  describeWithBackend('kafka', 'on the Kafka journal', (kafka) => {
    describeWithBackend('mysql', 'writing the history to MySQL', (mysql) => {
      let env: Record<string, string>;
      let space: TestRedisNamespace;
      let database: TestDatabase;
      let dir: string;
      let instance: AppProcess | undefined;
      let projector: NpmScriptProcess | undefined;

      beforeAll(async () => {
        space = createTestRedisNamespace(redis.url(), 'exchange-projector');
        database = await createTestDatabase(mysql.url(), 'exchange_projector');
        dir = await mkdtemp(join(tmpdir(), 'exchange-projector-'));
        env = {
          AUTH_PRIVATE_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          AUTH_REDIS_NAMESPACE: space.namespace,
          EXCHANGE_TEST_DEPOSITS: 'true',
          EXCHANGE_KAFKA_TOPIC: uniqueName('exchange-projector'),
          EXCHANGE_HISTORY_WRITER: 'projector',
          EXCHANGE_DATA_DIR: dir,
          KAFKA_BROKERS: kafka.url(),
          REDIS_URL: redis.url(),
          MYSQL_URL: database.url,
          MONGO_URL: '',
        };
      });

      afterAll(async () => {
        for (const child of [instance?.child, ...(projector?.children ?? []).map((pid) => ({ pid }))]) {
          if (child?.pid !== undefined) {
            try {
              process.kill(child.pid, 'SIGKILL');
            } catch {
              // Already gone.
            }
          }
        }
        await rm(dir, { recursive: true, force: true, maxRetries: 3 });
        await database?.drop();
        await space?.drop();
      });

      /** Places an order, waiting while the single instance is still a standby (it takes the lease within a second or so). */
      const place = async (user: ExchangeClient, body: Record<string, unknown>): Promise<string> => {
        for (let attempt = 0; attempt < 600; attempt++) {
          const res = await user.order(body);
          if (res.status !== 503) {
            expect(res.status).toBe(200);
            return (res.body as { id: string }).id;
          }
          await pause(50);
        }
        throw new Error(`no leader took ${JSON.stringify(body)}`);
      };

      /** The users' orders and fills as the instance serves them (it reads the history the projector writes). */
      const history = async (users: ExchangeClient[]) => {
        const orders: OrderRow[] = [];
        const fills: FillRow[] = [];
        for (const user of users) {
          orders.push(...(await allPages<OrderRow>(user, '/api/orders?productId=BTC-USDT')));
          fills.push(...(await allPages<FillRow>(user, '/api/fills?productId=BTC-USDT')));
        }
        return { orders, fills };
      };

      /** Waits until the history holds `count` orders (bounded), then returns it. */
      const historyWith = async (users: ExchangeClient[], count: number) => {
        let seen = await history(users);
        for (let wait = 0; wait < 300 && seen.orders.length < count; wait++) {
          await pause(100);
          seen = await history(users);
        }
        return seen;
      };

      it('writes the history from the journal, and after being stopped catches up with every order exactly once and serves the same market data as the leader', async () => {
        instance = await startAppProcess(main, env);
        projector = await startNpmScript('start:exchange-projector', root, env);
        // The lone instance takes the lease, then lists the markets; deposits and orders wait for that.
        for (let wait = 0; wait < 600 && (await new ExchangeClient(instance.url).call<unknown[]>('GET', '/api/products')).body.length === 0; wait++)
          await pause(50);
        const users = [await new ExchangeClient(instance.url).signUp('maker'), await new ExchangeClient(instance.url).signUp('taker')];
        for (const user of users) {
          for (const [currency, amount] of [
            ['USDT', '1000000'],
            ['BTC', '100'],
          ] as const) {
            expect((await user.deposit(currency, amount)).status).toBe(200);
          }
        }
        const acknowledged = new Map<string, string>();
        const send = async (from: number) => {
          for (let i = from; i < from + BATCH; i++) {
            const clientOid = `projected-${i}`;
            const order = {
              productId: 'BTC-USDT',
              side: i % 2 === 0 ? 'buy' : 'sell',
              type: 'limit',
              price: 30_000 + ((i * 7) % 11) - 5,
              size: '0.01',
              clientOid,
            };
            acknowledged.set(clientOid, await place(users[i % 2], order));
          }
        };

        await send(0);
        expect((await historyWith(users, BATCH)).orders).toHaveLength(BATCH);

        // Stopped hard: what the instances acknowledge meanwhile reaches no history, since they leave the writing to the projector.
        process.kill(projector.children[0], 'SIGKILL');
        await once(projector.child, 'exit');
        await send(BATCH);
        expect((await history(users)).orders.map((order) => order.clientOid).sort()).toEqual([...acknowledged.keys()].slice(0, BATCH).sort());

        projector = await startNpmScript('start:exchange-projector', root, env);
        const caughtUp = await historyWith(users, 2 * BATCH);
        const status = (await (await fetch(`${projector.url}/projector`)).json()) as { lastSeq: number; historySeq: number };
        console.log(`[projector] restarted, caught up to journal record ${status.lastSeq}, history watermark ${status.historySeq}`);

        // Every acknowledged order exactly once, under the id it was acknowledged with.
        expect(caughtUp.orders.map((order) => order.clientOid).sort()).toEqual([...acknowledged.keys()].sort());
        for (const order of caughtUp.orders) expect(order.id).toBe(acknowledged.get(order.clientOid));
        // Every trade exactly once: its two fills match each other, and the orders' filled sizes.
        const filled = (side: string) => caughtUp.fills.filter((fill) => fill.side === side).reduce((sum, fill) => sum + units(fill.size), 0n);
        const orderFilled = (side: string) => caughtUp.orders.filter((order) => order.side === side).reduce((sum, order) => sum + units(order.filledSize), 0n);
        expect(filled('buy')).toBeGreaterThan(0n);
        expect(filled('sell')).toBe(filled('buy'));
        expect({ buy: orderFilled('buy'), sell: orderFilled('sell') }).toEqual({ buy: filled('buy'), sell: filled('sell') });

        // The projector serves the market data it computed, with the leader's contract and the leader's figures.
        const leader = new ExchangeClient(instance.url);
        const reader = new ExchangeClient(projector.url);
        for (const path of [
          '/api/products',
          '/api/products/BTC-USDT/trades',
          '/api/products/BTC-USDT/candles?granularity=60',
          '/api/products/BTC-USDT/book?level=2',
        ]) {
          const [served, expected] = [await reader.call('GET', path), await leader.call('GET', path)];
          expect({ path, status: served.status, body: served.body }).toEqual({ path, status: 200, body: expected.body });
        }
        expect(((await reader.call<unknown[]>('GET', '/api/products/BTC-USDT/trades')).body ?? []).length).toBeGreaterThan(0);
        // Read-only: users, orders and accounts are the instances' alone.
        for (const path of ['/api/orders?productId=BTC-USDT', '/api/accounts', '/api/users/self']) {
          const res = await reader.call<{ message: string }>('GET', path);
          expect({ path, status: res.status }).toEqual({ path, status: 404 });
          expect(res.body.message).toMatch(/market data only/);
        }
        expect((await reader.call('POST', '/api/orders', { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '1', size: '0.01' })).status).toBe(404);

        // The public feed: a level2 subscriber gets the projector's snapshot (the leader's full book), a ticker subscriber the last ticker.
        const fullBook = (await leader.call<{ bids: unknown[]; asks: unknown[] }>('GET', '/api/products/BTC-USDT/book?level=3')).body;
        const [feed, leaderFeed] = [
          await FeedClient.connect(projector.url.replace(/^http/, 'ws') + '/ws'),
          await FeedClient.connect(instance.url.replace(/^http/, 'ws') + '/ws'),
        ];
        try {
          for (const client of [feed, leaderFeed]) client.send({ type: 'subscribe', product_ids: ['BTC-USDT'], channels: ['level2', 'ticker'] });
          const snapshot = await feed.ofType('snapshot');
          expect({ productId: snapshot.productId, bids: snapshot.bids, asks: snapshot.asks }).toEqual({
            productId: 'BTC-USDT',
            bids: fullBook.bids,
            asks: fullBook.asks,
          });
          expect(await feed.ofType('ticker')).toEqual(await leaderFeed.ofType('ticker'));
          await feed.ofType('subscriptions');
          // A private channel is not served: an error frame, and the public subscriptions stand.
          feed.send({ type: 'subscribe', product_ids: ['BTC-USDT'], channels: ['order'], currency_ids: ['USDT'] });
          expect(await feed.ofType('error')).toMatchObject({ code: 'not_served_here' });
          const names = ((await feed.ofType('subscriptions')).channels as { name: string }[]).map((channel) => channel.name).sort();
          expect(names).toEqual(['level2', 'ticker']);
        } finally {
          feed.close();
          leaderFeed.close();
        }
      }, 300_000);
    });
  });
});
