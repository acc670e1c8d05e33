/**
 * Exchange API benchmark: one command, one run, every figure.
 *
 *   npm run bench:exchange-api [-- --quick]
 *
 * (a) POST /api/orders through apps/exchange as deployed (embedded default: file
 *     journal with fsync per write group, cookie auth, validation, engine,
 *     projections), each answer sent only after the durable append, against a bare
 *     express handler parsing the same JSON in the same run, the two alternating in
 *     short rounds: req/s, p50/p99, server CPU per request, and the ratios.
 * (b) Orders matched per second end to end: a resting sell then a crossing buy
 *     over HTTP, timed from the buy's request to its `match` on the WebSocket.
 * (c) Market-data fan-out: 1,000 WebSocket subscribers to `match`; messages
 *     delivered per second and p99 from the trade's journal time to receipt.
 *
 * (d) With `--kafka` (KAFKA_BROKERS and REDIS_URL set): (a) again on the exchange
 *     on Kafka (a leader and a hot standby), acknowledged orders/s and p99 against
 *     the file journal's figures of this run, then the failover time: kill -9 of the
 *     leader to the first order the standby acknowledges.
 *
 * Servers run in their own processes on 127.0.0.1. A benchmark prints figures; it
 * asserts nothing about time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocket } from 'ws';
import { kafkaMode } from './kafka-mode';
import { freePort, interleavedLoads, postLoad, serve, type Load, type Server } from './servers';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 8;
/** (a) alternates the exchange and the baseline in this many rounds sharing SECONDS each. */
const ROUNDS = quick ? 3 : 4;
const CONNECTIONS = 32;
const SUBSCRIBERS = 1_000;
const root = resolve(import.meta.dirname, '../../..');

export async function startExchange(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  return serve(
    resolve(root, 'apps/exchange/src/main.ts'),
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      EXCHANGE_DATA_DIR: dataDir,
      EXCHANGE_TEST_DEPOSITS: 'true',
      MYSQL_URL: '',
      REDIS_URL: '',
      KAFKA_BROKERS: '',
      MONGO_URL: '',
      ...env,
    },
    port,
  );
}

export async function call(url: string, cookie: string | undefined, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & string, setCookie: res.headers.getSetCookie() };
}

/** A funded trader: the session cookie for REST and the bare token for the WebSocket. */
export async function trader(url: string, name: string): Promise<{ cookie: string; token: string }> {
  const email = `${name}.${Date.now()}@bench.example.com`;
  const password = 'correct horse battery staple';
  await call(url, undefined, 'POST', '/api/users', { email, password });
  const session = await call(url, undefined, 'POST', '/api/users/accessToken', { email, password });
  const cookie = session.setCookie.map((c) => c.split(';')[0]).join('; ');
  for (const [currency, amount] of [
    ['USDT', '100000000'],
    ['BTC', '100000'],
  ]) {
    const deposit = await call(url, cookie, 'POST', '/api/admin/deposits', { currency, amount });
    if (deposit.status !== 200) throw new Error(`deposit failed: ${JSON.stringify(deposit.body)}`);
  }
  return { cookie, token: session.body };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

export function row(name: string, result: Load): string {
  const cpu = result.cpuMicros === undefined ? '' : `   server CPU ${Math.round(result.cpuMicros).toString().padStart(4)} µs/req`;
  return `  ${name.padEnd(44)} ${Math.round(result.rate).toLocaleString('en-US').padStart(8)} req/s   p50 ${String(result.p50).padStart(3)} ms   p99 ${String(result.p99).padStart(3)} ms${cpu}   ${result.statuses}${result.errors ? ` errors ${result.errors}` : ''}`;
}

/** Server CPU per unit of work, for the report; nothing where /proc is not there. */
function perUnit(cpuSeconds: number, units: number, unit: string): string {
  return Number.isFinite(cpuSeconds) && units > 0 ? `   server CPU ${((cpuSeconds * 1e6) / units).toFixed(1)} µs per ${unit}` : '';
}

export const ORDER_BODY = JSON.stringify({ productId: 'BTC-USDT', side: 'buy', type: 'limit', price: '100', size: '0.001' });

async function placeOrders(exchange: Server, bare: Server, cookie: string): Promise<Load> {
  // Resting orders that never cross: every request is a full place (sequence, journal, engine, projection).
  const body = ORDER_BODY;
  const headers = { 'content-type': 'application/json', cookie };
  await postLoad(`${exchange.url}/api/orders`, body, headers, 1, CONNECTIONS);
  await postLoad(`${bare.url}/api/orders`, body, headers, 1, CONNECTIONS);
  const [app, baseline] = (await interleavedLoads(
    [
      { url: `${exchange.url}/api/orders`, server: exchange },
      { url: `${bare.url}/api/orders`, server: bare },
    ],
    body,
    headers,
    ROUNDS,
    SECONDS / ROUNDS,
    CONNECTIONS,
  )) as [Load, Load];
  console.log(`\n(a) place order over HTTP, answered after the durable append (${ROUNDS} interleaved rounds of ${SECONDS / ROUNDS} s each)`);
  console.log(row('apps/exchange POST /api/orders', app));
  console.log(row('bare express POST handler (baseline)', baseline));
  console.log(`  ratio ${(app.rate / baseline.rate).toFixed(2)}× the bare handler by throughput (target ≥ 0.50×)`);
  if (app.cpuMicros !== undefined && baseline.cpuMicros !== undefined) {
    console.log(
      `  ratio ${(baseline.cpuMicros / app.cpuMicros).toFixed(2)}× the bare handler by server CPU per request (durable append, engine and projections included)`,
    );
  }
  return app;
}

/** Each loop rests a sell and crosses it with a buy; the buy's latency ends at its match on the socket. */
async function matchEndToEnd(exchange: Server, maker: { cookie: string }, taker: { cookie: string }): Promise<void> {
  const url = exchange.url;
  const socket = new WebSocket(`${url.replace('http', 'ws')}/ws`);
  await new Promise((resolveOpen) => socket.once('open', resolveOpen));
  socket.send(JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USDT'], channels: ['match'] }));
  const sentAt = new Map<string, number>();
  const matchedAt = new Map<string, number>();
  const latencies: number[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; takerOrderId?: string };
    if (message.type !== 'match' || message.takerOrderId === undefined) return;
    const now = performance.now();
    const sent = sentAt.get(message.takerOrderId);
    if (sent === undefined) matchedAt.set(message.takerOrderId, now);
    else latencies.push(now - sent);
  });
  const until = Date.now() + SECONDS * 1000;
  let matched = 0;
  const loop = async (i: number) => {
    const price = String(1000 + (i % 50));
    while (Date.now() < until) {
      await call(url, maker.cookie, 'POST', '/api/orders', { productId: 'BTC-USDT', side: 'sell', type: 'limit', price, size: '0.001' });
      const started = performance.now();
      const buy = await call(url, taker.cookie, 'POST', '/api/orders', { productId: 'BTC-USDT', side: 'buy', type: 'limit', price, size: '0.001' });
      const id = String(buy.body.id);
      const early = matchedAt.get(id);
      if (early !== undefined) latencies.push(early - started);
      else sentAt.set(id, started);
      if (buy.body.status === 'filled') matched += 1;
    }
  };
  const began = Date.now();
  const cpuBefore = exchange.cpuSeconds();
  await Promise.all(Array.from({ length: 16 }, (_, i) => loop(i)));
  const cpu = exchange.cpuSeconds() - cpuBefore;
  await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  socket.close();
  const sorted = latencies.sort((a, b) => a - b);
  console.log('\n(b) orders matched end to end (HTTP in → match on the WebSocket), 16 loops');
  console.log(
    `  ${Math.round(matched / ((Date.now() - began - 200) / 1000)).toLocaleString('en-US')} matches/s   p50 ${percentile(sorted, 50).toFixed(1)} ms   p99 ${percentile(sorted, 99).toFixed(1)} ms   (${sorted.length} timed)${perUnit(cpu, matched, 'match (both orders)')}`,
  );
}

/** 1,000 sockets on `match`; trades are driven over HTTP while the sockets count what reaches them. */
async function fanOut(exchange: Server, maker: { cookie: string }, taker: { cookie: string }): Promise<void> {
  const url = exchange.url;
  const sockets: WebSocket[] = [];
  let delivered = 0;
  const lags: number[] = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/ws`);
    sockets.push(socket);
    await new Promise((resolveOpen) => socket.once('open', resolveOpen));
    socket.send(JSON.stringify({ type: 'subscribe', product_ids: ['BTC-USDT'], channels: ['match'] }));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; time?: string };
      if (message.type !== 'match' || message.time === undefined) return;
      delivered += 1;
      // Every 16th sample is enough for the percentile and keeps the clock reads cheap.
      if (delivered % 16 === 0) lags.push(Date.now() - Date.parse(message.time));
    });
  }
  await new Promise((resolveWait) => setTimeout(resolveWait, 500));
  delivered = 0;
  const until = Date.now() + SECONDS * 1000;
  const began = Date.now();
  const cpuBefore = exchange.cpuSeconds();
  let trades = 0;
  const loop = async (i: number) => {
    const price = String(2000 + i);
    while (Date.now() < until) {
      await call(url, maker.cookie, 'POST', '/api/orders', { productId: 'BTC-USDT', side: 'sell', type: 'limit', price, size: '0.001' });
      const buy = await call(url, taker.cookie, 'POST', '/api/orders', { productId: 'BTC-USDT', side: 'buy', type: 'limit', price, size: '0.001' });
      if (buy.body.status === 'filled') trades += 1;
    }
  };
  await Promise.all(Array.from({ length: 4 }, (_, i) => loop(i)));
  await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
  const cpu = exchange.cpuSeconds() - cpuBefore;
  const seconds = (Date.now() - began) / 1000;
  for (const socket of sockets) socket.terminate();
  const sorted = lags.sort((a, b) => a - b);
  console.log(`\n(c) market-data fan-out to ${SUBSCRIBERS.toLocaleString('en-US')} WebSocket subscribers (match channel)`);
  console.log(
    `  ${trades} trades → ${delivered.toLocaleString('en-US')} messages delivered of ${(trades * SUBSCRIBERS).toLocaleString('en-US')}   ${Math.round(delivered / seconds).toLocaleString('en-US')} msgs/s   p50 ${percentile(sorted, 50)} ms   p99 ${percentile(sorted, 99)} ms (journal time → receipt)${perUnit(cpu, delivered, 'message delivered')}`,
  );
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-exchange-api-'));
  const exchange = await startExchange(dataDir);
  const bare = await serve(resolve(import.meta.dirname, 'bare-server.ts'));
  try {
    const maker = await trader(exchange.url, 'maker');
    const taker = await trader(exchange.url, 'taker');
    console.log(`exchange API benchmark: ${SECONDS} s per case, ${CONNECTIONS} connections, 127.0.0.1`);
    const fileLoad = await placeOrders(exchange, bare, maker.cookie);
    if (process.argv.includes('--kafka')) await kafkaMode({ fileLoad, seconds: SECONDS, connections: CONNECTIONS });
    await matchEndToEnd(exchange, maker, taker);
    await fanOut(exchange, maker, taker);
  } finally {
    await exchange.stop();
    await bare.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
