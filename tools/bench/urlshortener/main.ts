/**
 * URL shortener benchmark: one command, one run, every figure.
 *
 *   npx tsx tools/bench/urlshortener/main.ts [--quick] [--creation-only]
 *
 * (a) GET /:code for a cached code through the real app (apps/urlshortener as
 *     deployed, on the embedded default: request ids, metrics, click counting;
 *     logging at warn) against a bare express handler and a bare node:http server
 *     answering the same 302, in the same run, by throughput and by the server
 *     process's CPU time per request (read from /proc): on two shared cores the
 *     load generator saturates before node:http does, so CPU per request is the
 *     measure that tells the servers apart. A fourth server, kit-http with a fixed
 *     302 on an express route, splits the gap into the kit's per-request work and
 *     the shortener's own. Cases alternate in rounds so a busy machine slows them alike.
 * (b) link creation through the same app (rate limit lifted) against a bare express
 *     handler doing the least a creation must (parse, check, one map set), by
 *     throughput and server CPU per request, in alternating rounds.
 *
 * Each server runs in its own process on 127.0.0.1; autocannon drives them from
 * this one. A benchmark prints figures; it asserts nothing about time.
 */
import { resolve } from 'node:path';
import { load, type LoadResult } from './load';
import { announcedServer, freePort, healthyServer, spawnTs, type ServerProcess } from './processes';

const quick = process.argv.includes('--quick');
// `--creation-only`: case (b) alone, for working on the creation path.
const CREATION_ONLY = process.argv.includes('--creation-only');
const SECONDS_PER_CASE = quick ? 3 : 12;
const ROUNDS = 3;
const WARMUP_SECONDS = quick ? 1 : 3;
const CONNECTIONS = 50;
const TARGET = 'https://example.com/landing?campaign=bench';
const root = resolve(import.meta.dirname, '../../..');

interface Case {
  name: string;
  url: string;
  server: ServerProcess;
  results: LoadResult[];
}

/** Rounds of one case combined: requests over time, and the worst round's latencies. */
function combined(results: LoadResult[]): {
  rate: number;
  p50: number;
  p99: number;
  total: number;
  statuses: Record<string, number>;
  errors: number;
  cpuPerRequest: number;
} {
  const seconds = results.length * (SECONDS_PER_CASE / ROUNDS);
  const statuses: Record<string, number> = {};
  for (const result of results) for (const [status, count] of Object.entries(result.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  const total = results.reduce((sum, result) => sum + result.total, 0);
  return {
    rate: total / seconds,
    p50: Math.max(...results.map((result) => result.p50Ms)),
    p99: Math.max(...results.map((result) => result.p99Ms)),
    total,
    statuses,
    cpuPerRequest: results.reduce((sum, result) => sum + result.cpuMicros, 0) / Math.max(1, total),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
  };
}

function row(name: string, figures: { rate: number; p50: number; p99: number; cpuPerRequest: number }): string {
  const rate = Math.round(figures.rate).toLocaleString('en-US').padStart(9);
  const cpu = figures.cpuPerRequest > 0 ? `   server CPU ${figures.cpuPerRequest.toFixed(0).padStart(4)} µs/req` : '';
  return `  ${name.padEnd(42)} ${rate} req/s   p50 ${String(figures.p50).padStart(3)} ms   p99 ${String(figures.p99).padStart(3)} ms${cpu}`;
}

function describeStatuses(figures: { statuses: Record<string, number>; errors: number }): string {
  const parts = Object.entries(figures.statuses).map(([status, count]) => `${status}×${count.toLocaleString('en-US')}`);
  return `${parts.join(' ')}${figures.errors ? ` and ${figures.errors} errors` : ''}`;
}

async function startShortener(): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawnTs(resolve(root, 'apps/urlshortener/src/main.ts'), [], {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    URLSHORTENER_CREATE_LIMIT: '1000000000',
    // The embedded default: the figures are the app's, not a database's.
    MYSQL_URL: '',
    REDIS_URL: '',
    KAFKA_BROKERS: '',
    MONGO_URL: '',
  });
  return healthyServer(child, `http://127.0.0.1:${port}`);
}

/** A link that answers 302 as the baselines do (it expires, so it may not answer 301). */
async function createBenchLink(shortener: ServerProcess): Promise<string> {
  const expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
  const res = await fetch(`${shortener.url}/api/v1/links`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: TARGET, expiresAt }),
  });
  if (res.status !== 201) throw new Error(`creating the bench link answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { code: string }).code;
}

async function redirects(node: ServerProcess, bare: ServerProcess, floor: ServerProcess, shortener: ServerProcess): Promise<void> {
  console.log('\n(a) GET /:code of a cached code, against baselines answering the same 302');
  const code = await createBenchLink(shortener);
  const nodeFloor: Case = { name: 'bare node:http handler', url: `${node.url}/${code}`, server: node, results: [] };
  const baseline: Case = { name: 'bare express handler', url: `${bare.url}/${code}`, server: bare, results: [] };
  const kitFloor: Case = { name: 'kit-http app, fixed 302 (the kit floor)', url: `${floor.url}/${code}`, server: floor, results: [] };
  const redirect: Case = { name: 'shortener redirect (cached code)', url: `${shortener.url}/${code}`, server: shortener, results: [] };
  const cases = [nodeFloor, baseline, kitFloor, redirect];

  let redirectsReceived = 0;
  for (const item of cases) {
    const warmup = await load({ url: item.url, connections: CONNECTIONS, seconds: WARMUP_SECONDS });
    if (item === redirect) redirectsReceived += warmup.statuses['302'] ?? 0;
  }
  // Each round starts with a different case, so drift within a round (the machine is
  // shared) does not always land on the same one.
  for (let round = 0; round < ROUNDS; round++) {
    for (let offset = 0; offset < cases.length; offset++) {
      const item = cases[(round + offset) % cases.length];
      if (!item) continue;
      item.results.push(await load({ url: item.url, server: item.server, connections: CONNECTIONS, seconds: SECONDS_PER_CASE / ROUNDS }));
    }
  }
  const [nodeFigures, bareFigures, floorFigures, redirectFigures] = [
    combined(nodeFloor.results),
    combined(baseline.results),
    combined(kitFloor.results),
    combined(redirect.results),
  ];
  console.log(row(nodeFloor.name, nodeFigures));
  console.log(row(baseline.name, bareFigures));
  console.log(row(kitFloor.name, floorFigures));
  console.log(row(redirect.name, redirectFigures));
  // Ratios above 1 mean the shortener is the faster (or cheaper) of the two.
  const byRate = (other: typeof bareFigures) => (redirectFigures.rate / other.rate).toFixed(2);
  const byCpu = (other: typeof bareFigures) => (other.cpuPerRequest / redirectFigures.cpuPerRequest).toFixed(2);
  console.log('  shortener (cached redirect, fast route) against:     throughput   server CPU per request');
  console.log(
    `    bare express                                        ${byRate(bareFigures).padStart(6)}×      ${byCpu(bareFigures).padStart(6)}×   (target ≥ 3 by CPU)`,
  );
  console.log(
    `    bare node:http                                      ${byRate(nodeFigures).padStart(6)}×      ${byCpu(nodeFigures).padStart(6)}×   (target ≥ 0.6 by CPU)`,
  );
  console.log(`    kit floor (fixed 302 on an express route)           ${byRate(floorFigures).padStart(6)}×      ${byCpu(floorFigures).padStart(6)}×`);
  console.log(
    `  bare express against node:http: ${(bareFigures.rate / nodeFigures.rate).toFixed(2)}× by throughput, ${(nodeFigures.cpuPerRequest / bareFigures.cpuPerRequest).toFixed(2)}× by CPU per request`,
  );
  console.log(
    `  statuses: node:http ${describeStatuses(nodeFigures)}; bare ${describeStatuses(bareFigures)}; kit floor ${describeStatuses(floorFigures)}; shortener ${describeStatuses(redirectFigures)}`,
  );

  redirectsReceived += redirectFigures.statuses['302'] ?? 0;
  const { clicks } = (await (await fetch(`${shortener.url}/api/v1/links/${code}`)).json()) as { clicks: number };
  // autocannon drops the answers still in flight when a run stops (one per connection);
  // the shortener has counted those visits too.
  const runs = 1 + ROUNDS;
  console.log(
    `  clicks counted by the shortener: ${clicks.toLocaleString('en-US')}; redirects autocannon received: ${redirectsReceived.toLocaleString('en-US')}` +
      ` (+ up to ${(runs * CONNECTIONS).toLocaleString('en-US')} dropped in flight at the end of ${runs} runs)`,
  );
}

async function creation(bare: ServerProcess, shortener: ServerProcess): Promise<void> {
  console.log('\n(b) POST /api/v1/links (link creation), against a bare express handler doing the least a creation must');
  const request = {
    method: 'POST' as const,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: 'https://example.com/articles/2026/benchmarks?ref=autocannon' }),
    connections: CONNECTIONS,
  };
  const baseline: Case = { name: 'bare express: parse, check, one map set', url: `${bare.url}/api/v1/links`, server: bare, results: [] };
  const create: Case = { name: 'shortener POST /api/v1/links', url: `${shortener.url}/api/v1/links`, server: shortener, results: [] };
  const cases = [baseline, create];
  for (const item of cases) await load({ ...request, url: item.url, seconds: WARMUP_SECONDS });
  for (let round = 0; round < ROUNDS; round++) {
    for (let offset = 0; offset < cases.length; offset++) {
      const item = cases[(round + offset) % cases.length];
      if (item) item.results.push(await load({ ...request, url: item.url, server: item.server, seconds: SECONDS_PER_CASE / ROUNDS }));
    }
  }
  const [bareFigures, createFigures] = [combined(baseline.results), combined(create.results)];
  console.log(row(baseline.name, bareFigures));
  console.log(row(create.name, createFigures));
  console.log(
    `  shortener creation against the bare handler: ${(createFigures.rate / bareFigures.rate).toFixed(2)}× by throughput, ` +
      `${(bareFigures.cpuPerRequest / createFigures.cpuPerRequest).toFixed(2)}× by server CPU per request (above 1: the shortener is cheaper)`,
  );
  console.log(`  statuses: bare ${describeStatuses(bareFigures)}; shortener ${describeStatuses(createFigures)}`);
}

async function main(): Promise<void> {
  console.log(
    `URL shortener benchmark: 127.0.0.1, ${CONNECTIONS} connections, ${SECONDS_PER_CASE} s per case in ${ROUNDS} rounds, after ${WARMUP_SECONDS} s of warm-up`,
  );
  const node = await announcedServer(spawnTs(resolve(import.meta.dirname, 'node-http-server.ts'), [TARGET], {}));
  const bare = await announcedServer(spawnTs(resolve(import.meta.dirname, 'bare-server.ts'), [TARGET], {}));
  const floor = await announcedServer(spawnTs(resolve(import.meta.dirname, 'kit-floor-server.ts'), [TARGET], {}));
  const shortener = await startShortener();
  try {
    if (!CREATION_ONLY) await redirects(node, bare, floor, shortener);
    await creation(bare, shortener);
  } finally {
    await Promise.all([node.stop(), bare.stop(), floor.stop(), shortener.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
