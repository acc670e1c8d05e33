import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startAppProcess, type AppProcess } from '@mosaic/kit-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExchangeClient, type ApiResponse } from './test-support/exchange-client';

const main = resolve(import.meta.dirname, 'main.ts');

interface Acknowledged {
  user: number;
  id: string;
  clientOid: string;
}

/** Everything the projections serve, for comparing two starts on the same journal. */
async function observe(url: string, users: ExchangeClient[]) {
  const view: Record<string, unknown> = {};
  for (const [i, user] of users.entries()) {
    const client = Object.assign(new ExchangeClient(url), { cookie: user.cookie });
    view[`orders${i}`] = await allPages(client, '/api/orders?productId=BTC-USDT');
    view[`fills${i}`] = await allPages(client, '/api/fills?productId=BTC-USDT');
    view[`accounts${i}`] = (await client.call('GET', '/api/accounts')).body;
  }
  const anonymous = new ExchangeClient(url);
  view.book = (await anonymous.call('GET', '/api/products/BTC-USDT/book?level=2')).body;
  view.trades = (await anonymous.call('GET', '/api/products/BTC-USDT/trades?limit=500')).body;
  view.candles = (await anonymous.call('GET', '/api/products/BTC-USDT/candles?granularity=60')).body;
  return view;
}

async function allPages(client: ExchangeClient, path: string): Promise<unknown[]> {
  const rows: unknown[] = [];
  let after: string | null = null;
  for (;;) {
    const page: ApiResponse<unknown[]> = await client.call('GET', `${path}&limit=100${after ? `&after=${after}` : ''}`);
    rows.push(...page.body);
    after = page.headers.get('gbe-after');
    if (page.body.length < 100) return rows;
  }
}

describe('the exchange process killed mid-trading', () => {
  let dir: string;
  let env: Record<string, string>;
  const processes: AppProcess[] = [];
  const start = async () => {
    const app = await startAppProcess(main, env);
    processes.push(app);
    return app;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exchange-crash-'));
    const key = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // Sessions must outlive the process (tokens verify with the same key); users live in auth's memory and are not needed again.
    // The embedded default whatever the environment: a shared Redis would rate-limit the sign-ups across runs.
    // Snapshots every 40 commands: restarts begin at one (taken mid-trading, perhaps cut short by the kill) plus the journal after it.
    env = {
      EXCHANGE_DATA_DIR: dir,
      AUTH_PRIVATE_KEY: key,
      EXCHANGE_TEST_DEPOSITS: 'true',
      EXCHANGE_SNAPSHOT_EVERY: '40',
      MYSQL_URL: '',
      REDIS_URL: '',
      KAFKA_BROKERS: '',
      MONGO_URL: '',
    };
  });

  afterAll(async () => {
    for (const app of processes) if (app.child.exitCode === null) app.child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('loses no acknowledged order and rebuilds identical projections on every restart', async () => {
    const first = await start();
    const users: ExchangeClient[] = [];
    for (let i = 0; i < 3; i++) {
      const user = await new ExchangeClient(first.url).signUp(`crash${i}`);
      await user.deposit('USDT', '1000000');
      await user.deposit('BTC', '100');
      users.push(user);
    }
    const acknowledged: Acknowledged[] = [];
    let stop = false;
    let sent = 0;
    const worker = async (w: number) => {
      while (!stop) {
        const i = sent++;
        const user = i % users.length;
        const clientOid = `w${w}-${i}`;
        const side = i % 2 === 0 ? 'buy' : 'sell';
        const price = 30_000 + ((i * 7) % 21) - 10;
        try {
          const res = await users[user].order({ productId: 'BTC-USDT', side, type: 'limit', price, size: '0.01', clientOid });
          if (res.status === 200) acknowledged.push({ user, id: res.body.id, clientOid });
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    while (acknowledged.length < 150) await new Promise((resolveWait) => setTimeout(resolveWait, 20));
    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    stop = true;
    await Promise.all(workers);

    const second = await start();
    const rebuilt = await observe(second.url, users);
    for (const ack of acknowledged) {
      const orders = rebuilt[`orders${ack.user}`] as { id: string; clientOid: string }[];
      expect(orders.find((order) => order.id === ack.id)?.clientOid).toBe(ack.clientOid);
    }
    // A retry after the restart is recognised by its client order id: the same order, nothing new.
    const retry = acknowledged[acknowledged.length - 1];
    const again = await Object.assign(new ExchangeClient(second.url), { cookie: users[retry.user].cookie }).order({
      productId: 'BTC-USDT',
      side: 'buy',
      type: 'limit',
      price: 1,
      size: '0.01',
      clientOid: retry.clientOid,
    });
    expect(again.body.id).toBe(retry.id);
    const settled = await observe(second.url, users);
    expect(await second.stop()).toBe(0);

    // The restarts had snapshots to begin from.
    expect((await readdir(join(dir, 'snapshots'))).filter((name) => name.endsWith('.snap')).length).toBeGreaterThan(0);
    const third = await start();
    expect(await observe(third.url, users)).toEqual(settled);
    third.child.kill('SIGKILL');
    await once(third.child, 'exit');
  }, 240_000);
});
