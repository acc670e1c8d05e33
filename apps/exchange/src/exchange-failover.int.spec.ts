import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestRedisNamespace, describeWithBackend, startAppProcess, uniqueName, type AppProcess, type TestRedisNamespace } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allPages } from './test-support/all-pages';
import { ExchangeClient, type ApiResponse } from './test-support/exchange-client';
import { units } from './test-support/units';

const main = resolve(import.meta.dirname, 'main.ts');
const ORDERS = 90;
const KILL_AFTER = 30;

interface Instance {
  app: AppProcess;
  url: string;
}

interface Acknowledged {
  user: number;
  id: string;
  clientOid: string;
}

const pause = (ms: number) => new Promise((resolveWait) => setTimeout(resolveWait, ms));

/** Everything an instance serves about the engine state: equal views on two instances mean equal engines. */
async function stateView(url: string, users: ExchangeClient[]) {
  const view: Record<string, unknown> = {};
  for (const [i, user] of users.entries()) {
    const client = Object.assign(new ExchangeClient(url), { cookie: user.cookie });
    view[`accounts${i}`] = (await client.call('GET', '/api/accounts')).body;
    view[`orders${i}`] = await allPages(client, '/api/orders?productId=BTC-USDT');
  }
  view.book = (await new ExchangeClient(url).call('GET', '/api/products/BTC-USDT/book?level=2')).body;
  view.trades = (await new ExchangeClient(url).call('GET', '/api/products/BTC-USDT/trades?limit=500')).body;
  return view;
}

describeWithBackend('redis', 'the exchange on Kafka', (redis) => {
  describeWithBackend('kafka', 'leader failover', (kafka) => {
    let env: Record<string, string>;
    /** The snapshot directory every instance shares: only the leader saves there, and any instance starts from it. */
    let snapshots: string;
    let space: TestRedisNamespace;
    const dirs: string[] = [];
    const instances: Instance[] = [];

    const start = async (): Promise<Instance> => {
      const dir = await mkdtemp(join(tmpdir(), 'exchange-failover-'));
      dirs.push(dir);
      const app = await startAppProcess(main, { ...env, EXCHANGE_DATA_DIR: dir });
      const instance = { app, url: app.url };
      instances.push(instance);
      return instance;
    };
    /** Instances that are running and not stopped (a stopped one accepts connections and never answers). */
    const stopped = new Set<Instance>();
    const live = () => instances.filter((instance) => instance.app.child.exitCode === null && instance.app.child.signalCode === null && !stopped.has(instance));

    /** A client that retries the same command (same clientOid) on every live instance until one acknowledges or refuses it. */
    const submit = async (
      user: ExchangeClient,
      path: string,
      body: Record<string, unknown>,
      prefer?: Instance,
    ): Promise<{ res: ApiResponse<{ id: string }>; instance: Instance }> => {
      for (let attempt = 0; attempt < 600; attempt++) {
        const candidates = prefer === undefined ? live() : [prefer, ...live().filter((i) => i !== prefer)];
        for (const instance of candidates) {
          try {
            const res = await Object.assign(new ExchangeClient(instance.url), { cookie: user.cookie }).call<{ id: string }>('POST', path, body);
            if (res.status !== 503) return { res, instance };
          } catch {
            // The instance died under the request: try the next one.
          }
        }
        await pause(50);
      }
      throw new Error(`no instance accepted ${path} ${JSON.stringify(body)}`);
    };

    beforeAll(async () => {
      space = createTestRedisNamespace(redis.url(), 'exchange-failover');
      snapshots = await mkdtemp(join(tmpdir(), 'exchange-failover-snapshots-'));
      dirs.push(snapshots);
      const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      env = {
        AUTH_PRIVATE_KEY: key,
        AUTH_REDIS_NAMESPACE: space.namespace,
        EXCHANGE_TEST_DEPOSITS: 'true',
        EXCHANGE_KAFKA_TOPIC: uniqueName('exchange-failover'),
        EXCHANGE_LEASE_TTL_MS: '1000',
        EXCHANGE_SNAPSHOT_DIR: snapshots,
        EXCHANGE_SNAPSHOT_EVERY: '20',
        KAFKA_BROKERS: kafka.url(),
        REDIS_URL: redis.url(),
        MYSQL_URL: '',
        MONGO_URL: '',
      };
    });

    afterAll(async () => {
      for (const instance of instances) if (instance.app.child.exitCode === null) instance.app.child.kill('SIGKILL');
      for (const dir of dirs) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
      await space.drop();
    });

    it('loses and duplicates no acknowledged order when the leader is killed, and fences a paused leader', async () => {
      await Promise.all([start(), start()]);
      const users: ExchangeClient[] = [];
      for (let i = 0; i < 2; i++) users.push(await new ExchangeClient(instances[0].url).signUp(`failover${i}`));
      const deposited = new Map<string, bigint>();
      for (const user of users) {
        for (const [currency, amount] of [
          ['USDT', '1000000'],
          ['BTC', '100'],
        ] as const) {
          expect((await submit(user, '/api/admin/deposits', { currency, amount })).res.status).toBe(200);
          deposited.set(currency, (deposited.get(currency) ?? 0n) + units(amount));
        }
      }

      // A bounded stream of orders; the leader is killed (kill -9) a third of the way in.
      const acknowledged: Acknowledged[] = [];
      let leader: Instance | undefined;
      let killedAt = 0;
      let takeoverMs = 0;
      for (let i = 0; i < ORDERS; i++) {
        const user = i % users.length;
        const clientOid = `order-${i}`;
        const order = {
          productId: 'BTC-USDT',
          side: i % 2 === 0 ? 'buy' : 'sell',
          type: 'limit',
          price: 30_000 + ((i * 7) % 21) - 10,
          size: '0.01',
          clientOid,
        };
        const { res, instance } = await submit(users[user], '/api/orders', order, leader);
        expect(res.status).toBe(200);
        acknowledged.push({ user, id: res.body.id, clientOid });
        if (killedAt > 0 && takeoverMs === 0) takeoverMs = Date.now() - killedAt;
        leader = instance;
        if (i === KILL_AFTER) {
          killedAt = Date.now();
          leader.app.child.kill('SIGKILL');
          await once(leader.app.child, 'exit');
          leader = undefined;
        }
      }
      console.log(`[failover] kill -9 of the leader → first acknowledged order on the standby: ${takeoverMs} ms`);

      // A retry of an order acknowledged before the crash is recognised by the new leader.
      const early = acknowledged[5];
      const retried = await submit(users[early.user], '/api/orders', {
        productId: 'BTC-USDT',
        side: 'buy',
        type: 'limit',
        price: 1,
        size: '0.01',
        clientOid: early.clientOid,
      });
      expect(retried.res.body.id).toBe(early.id);

      // A fresh instance starts from the leader's latest shared snapshot plus the Kafka tail, as a standby, and reaches the same state.
      const late = await start();
      const ready = late.app.output
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg?: string; snapshotSeq?: number })
        .find((entry) => entry.msg === 'exchange ready');
      console.log(`[failover] the instance started late began at snapshot ${ready?.snapshotSeq}`);
      expect(ready?.snapshotSeq).toBeGreaterThan(0);
      const survivor = live().find((instance) => instance !== late)!;
      let views = [await stateView(survivor.url, users), await stateView(late.url, users)];
      // Catching up is bounded by a minute, not by a speed: a loaded machine replays late.
      for (const until = Date.now() + 60_000; Date.now() < until && JSON.stringify(views[0]) !== JSON.stringify(views[1]);) {
        await pause(100);
        views = [await stateView(survivor.url, users), await stateView(late.url, users)];
      }
      expect(views[1]).toEqual(views[0]);

      // Every acknowledged order exactly once, and nothing else.
      const orders = [...(views[0].orders0 as { id: string; clientOid: string }[]), ...(views[0].orders1 as { id: string; clientOid: string }[])];
      expect(orders.map((order) => order.clientOid).sort()).toEqual(acknowledged.map((ack) => ack.clientOid).sort());
      for (const ack of acknowledged) expect(orders.filter((order) => order.id === ack.id).map((order) => order.clientOid)).toEqual([ack.clientOid]);

      // Conservation: the users' balances plus the fees charged add up to the deposits.
      for (const currency of ['USDT', 'BTC']) {
        let total = 0n;
        for (const i of [0, 1]) {
          const account = (views[0][`accounts${i}`] as { currency: string; available: string; hold: string }[]).find((a) => a.currency === currency);
          total += units(account?.available ?? '0') + units(account?.hold ?? '0');
          const fills = (await allPages(
            Object.assign(new ExchangeClient(survivor.url), { cookie: users[i].cookie }),
            '/api/fills?productId=BTC-USDT',
          )) as unknown as { side: string; fee: string }[];
          for (const fill of fills) if ((fill.side === 'buy' ? 'BTC' : 'USDT') === currency) total += units(fill.fee);
        }
        expect({ currency, total }).toEqual({ currency, total: deposited.get(currency) });
      }

      // SIGSTOP the leader: the standby takes over; after SIGCONT the old leader cannot write.
      const paused = survivor;
      paused.app.child.kill('SIGSTOP');
      stopped.add(paused);
      const taken = await submit(
        users[0],
        '/api/orders',
        { productId: 'BTC-USDT', side: 'buy', type: 'limit', price: 29_000, size: '0.01', clientOid: 'after-pause' },
        late,
      );
      expect(taken.instance).toBe(late);
      paused.app.child.kill('SIGCONT');
      stopped.delete(paused);
      const zombie = await Object.assign(new ExchangeClient(paused.url), { cookie: users[0].cookie }).order({
        productId: 'BTC-USDT',
        side: 'buy',
        type: 'limit',
        price: 29_000,
        size: '0.01',
        clientOid: 'from-the-fenced-leader',
      });
      expect(zombie.status).toBe(503);
      const after = await allPages(Object.assign(new ExchangeClient(late.url), { cookie: users[0].cookie }), '/api/orders?productId=BTC-USDT');
      expect(after.map((order) => order.clientOid)).toContain('after-pause');
      expect(after.map((order) => order.clientOid)).not.toContain('from-the-fenced-leader');
    }, 300_000);
  });
});
