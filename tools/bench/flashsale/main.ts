/**
 * Flash-sale benchmark: one command, every figure.
 *
 *   npm run bench:flashsale [-- --quick] [-- --items N] [-- --backend memory|mysql] [-- --part ratio|contest]
 *
 * (a) The contest: a sale of 10,000 items, thousands of simulated shoppers (a bounded
 *     number active at once) checking out and buying over HTTP, some trying to buy
 *     more than 10. Prints throughput, checkout and purchase p50/p99, items sold,
 *     oversold items, per-user excess and stranded items (unsold while demand remained).
 * (b) Checkout through the app against a bare express handler, in the same run, with
 *     the ratio. The app answers a plain checkout on kit-http's fast path (ahead of
 *     express, with its request ids, headers, logs and metrics); the baseline stays a
 *     bare express route answering a constant.
 * Both on the embedded default, and again on MySQL + Redis when MYSQL_URL and
 * REDIS_URL are set (a fresh database and key namespace of its own). Every server is
 * its own process on 127.0.0.1. A benchmark prints figures; it asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import { runContest, type ContestReport } from '@mosaic/flashsale-delivery/testing';
import { freePort, startServer, type Server } from './server-process';

const quick = process.argv.includes('--quick');
const itemsArg = process.argv.indexOf('--items');
const ITEMS = itemsArg > 0 ? Number(process.argv[itemsArg + 1]) : 10_000;
const SHOPPERS = Math.ceil((ITEMS * 3) / 10);
const ACTIVE = 256;
const LIMIT = 10;
const CHECKOUT_SECONDS = quick ? 4 : 12;
const SLICES = 4;
const backendArg = process.argv.indexOf('--backend');
const only = backendArg > 0 ? process.argv[backendArg + 1] : undefined;
const partArg = process.argv.indexOf('--part');
const part = partArg > 0 ? process.argv[partArg + 1] : undefined;
const withRatio = part !== 'contest';
const withContest = part !== 'ratio';
const SALE = '2026120110';
const root = resolve(import.meta.dirname, '../../..');

async function startFlashsale(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  return startServer(
    resolve(root, 'apps/flashsale/src/main.ts'),
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      // The sale of 10:00–11:00 UTC, ten minutes in, whatever the time: it stays open for the run.
      FLASHSALE_TIME_ORIGIN: '2026-12-01T10:10:00.000Z',
      FLASHSALE_ITEMS: String(ITEMS),
      FLASHSALE_RECONCILE_MS: '5000',
      KAFKA_BROKERS: '',
      MONGO_URL: '',
      ...env,
    },
    `http://127.0.0.1:${port}`,
  );
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function soldNow(url: string): Promise<number> {
  return ((await (await fetch(`${url}/sales/${SALE}`)).json()) as { sold: number }).sold;
}

function printContest(label: string, report: ContestReport, sold: number): void {
  const seconds = report.durationMs / 1000;
  console.log(`\n${label}: ${SHOPPERS.toLocaleString('en-US')} shoppers (${ACTIVE} at once), ${ITEMS.toLocaleString('en-US')} items`);
  console.log(
    `  throughput            ${Math.round(report.requests / seconds).toLocaleString('en-US')} req/s (${report.requests.toLocaleString('en-US')} requests in ${seconds.toFixed(1)} s)`,
  );
  console.log(
    `  checkout              p50 ${ms(report.checkout.percentile(50))}   p99 ${ms(report.checkout.percentile(99))}   (${report.checkout.count.toLocaleString('en-US')})`,
  );
  console.log(
    `  purchase              p50 ${ms(report.purchase.percentile(50))}   p99 ${ms(report.purchase.percentile(99))}   (${report.purchase.count.toLocaleString('en-US')})`,
  );
  console.log(`  items sold            ${sold.toLocaleString('en-US')} of ${ITEMS.toLocaleString('en-US')}`);
  console.log(`  oversold              ${report.oversold}`);
  console.log(`  per-user excess       ${report.perUserExcess}   (limit refusals: ${report.limitRefusals.toLocaleString('en-US')})`);
  console.log(`  stranded              ${ITEMS - sold}`);
  console.log(`  connection errors     ${report.connectionErrors}   (requests with no answer: refused, reset or dropped)`);
  if (report.failures.size > 0) console.log(`  failed requests       ${JSON.stringify(Object.fromEntries(report.failures))}`);
}

async function contest(label: string, env: Record<string, string>): Promise<void> {
  const server = await startFlashsale(env);
  try {
    const report = await runContest({
      baseUrl: () => server.url,
      saleId: SALE,
      total: ITEMS,
      users: SHOPPERS,
      concurrency: ACTIVE,
      greedyEvery: 7,
      limit: LIMIT,
      deadlineMs: 20 * 60_000,
    });
    // Let one reconciliation pass so the counter is the store's.
    await new Promise((r) => setTimeout(r, 6_000));
    printContest(label, report, await soldNow(server.url));
  } finally {
    await server.stop();
  }
}

/**
 * Checkouts of random shoppers and items: each a real checkout (gate script, basket, attempt
 * record). The shared machine's load drifts by several times within a minute, so the two
 * servers take turns in short slices (after a warm-up of each) and each side's figures
 * sum its slices: the ratio compares them under the same drift.
 */
async function checkoutRatio(label: string, env: Record<string, string>): Promise<void> {
  const app = await startFlashsale(env);
  const bare = await startServer(resolve(import.meta.dirname, 'bare-server.ts'), {});
  try {
    const path = () => `/checkout?user_id=u${randomBytes(6).toString('hex')}&id=${SALE}-${String(Math.floor(Math.random() * ITEMS)).padStart(5, '0')}`;
    const slice = Math.max(1, Math.round(CHECKOUT_SECONDS / SLICES));
    const run = (server: Server) => checkoutLoad(server.url, path, slice);
    await run(app);
    await run(bare);
    const ours: Load[] = [];
    const baseline: Load[] = [];
    for (let i = 0; i < SLICES; i++) {
      ours.push(await run(app));
      baseline.push(await run(bare));
    }
    const [a, b] = [summed(ours), summed(baseline)];
    console.log(`\n${label}: POST /checkout, 50 connections, ${SLICES} alternating slices of ${slice} s each, after a warm-up`);
    console.log(
      `  flash sale            ${Math.round(a.requestsPerSecond).toLocaleString('en-US')} req/s   p50 ${a.p50Ms} ms   p99 ${a.p99Ms} ms   ${JSON.stringify(a.statuses)}`,
    );
    console.log(`  bare express          ${Math.round(b.requestsPerSecond).toLocaleString('en-US')} req/s   p50 ${b.p50Ms} ms   p99 ${b.p99Ms} ms`);
    console.log(`  ratio                 ${(a.requestsPerSecond / b.requestsPerSecond).toFixed(2)}× the bare handler (target ≥ 0.30×)`);
  } finally {
    await app.stop();
    await bare.stop();
  }
}

interface Load {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly statuses: Record<string, number>;
}

/** Slices of equal length: the mean rate, the worst slice's percentiles, the statuses added up. */
function summed(loads: readonly Load[]): Load {
  const statuses: Record<string, number> = {};
  for (const load of loads) for (const [status, count] of Object.entries(load.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  return {
    requestsPerSecond: loads.reduce((sum, load) => sum + load.requestsPerSecond, 0) / loads.length,
    p50Ms: Math.max(...loads.map((load) => load.p50Ms)),
    p99Ms: Math.max(...loads.map((load) => load.p99Ms)),
    statuses,
  };
}

/** autocannon against 127.0.0.1, each request to a fresh path. */
async function checkoutLoad(url: string, path: () => string, seconds: number): Promise<Load> {
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, method: 'POST', path: path() }) }],
  });
  const statuses: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = count ?? 0;
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, statuses };
}

async function withRealBackends(work: (env: Record<string, string>) => Promise<void>): Promise<void> {
  const mysqlUrl = process.env.MYSQL_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!mysqlUrl || !redisUrl) {
    console.log('\nMySQL + Redis: skipped (set MYSQL_URL and REDIS_URL)');
    return;
  }
  const database = `flashsale_bench_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection(mysqlUrl);
  await admin.query(`CREATE DATABASE \`${database}\``);
  const url = new URL(mysqlUrl);
  url.pathname = `/${database}`;
  try {
    await work({ MYSQL_URL: url.toString(), REDIS_URL: redisUrl, FLASHSALE_REDIS_NAMESPACE: database });
  } finally {
    await admin.query(`DROP DATABASE \`${database}\``);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const memory = { MYSQL_URL: '', REDIS_URL: '' };
  if (only !== 'mysql') {
    if (withRatio) await checkoutRatio('Memory', memory);
    if (withContest) await contest('Contest on memory', memory);
  }
  if (only === 'memory') return;
  if (withRatio) await withRealBackends((env) => checkoutRatio('MySQL + Redis', env));
  if (withContest) await withRealBackends((env) => contest('Contest on MySQL + Redis', env));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
