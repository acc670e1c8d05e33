/**
 * Account transfer benchmark: one command, every figure.
 *
 *   npx tsx tools/bench/account/main.ts [--quick]          (MYSQL_URL set: MySQL too)
 *
 * Runs the Transfer use case (idempotency key, unit of work, version checks, ledger,
 * outbox, the relay draining it) from concurrent in-process callers, on the in-memory
 * backend and — when MYSQL_URL is set — on MySQL in a fresh database, both ways MySQL
 * can meet concurrent writers (`lock-on-load`, the default, and `optimistic`), for two
 * shapes of load: transfers spread over 50 accounts, and all meeting on 4 hot accounts.
 * It prints transfers per second, p50/p99 latency, the retry rates (optimistic retries
 * of the use case, deadlock reruns of the transaction) and the MySQL/memory ratio.
 *
 * On MySQL it also runs the floor (plain-floor.ts): the same logical writes by
 * hand-written SQL on plain mysql2 in the fewest round trips, and prints the ratio to
 * it, the statements each committed transfer sent (counted on the client: in
 * transactions, and outside them — the relay's reads and deletes), and the relay's
 * delivery latency (event → publish, p50/p99). A benchmark prints figures; it asserts
 * nothing about time, but it does check that no money was made or lost during the run.
 */
import { createAccountAdapters, type AccountAdapters, type MysqlConcurrency } from '@mosaic/account-repository';
import { createMysqlPool } from '@mosaic/kit-db';
import { MemoryMessageQueue } from '@mosaic/kit-mq';
import mysql from 'mysql2/promise';
import { countingPool, type StatementCount } from './counting-pool';
import { TimedMessageQueue } from './delivery-latency';
import { runFloorTransfers } from './plain-floor';
import { runTransfers, type WorkloadOptions, type WorkloadResult } from './transfer-workload';

const FLOOR = 'plain mysql2 floor';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 3 : 8;
const WARMUP_SECONDS = quick ? 1 : 2;
const CONCURRENCY = 32;
const SHAPES = [
  { name: 'spread: 50 accounts', accounts: 50 },
  { name: 'hot: 4 accounts', accounts: 4 },
];

type Opened = { adapters: AccountAdapters; deadlocks: () => number; statements?: StatementCount; delivery?: TimedMessageQueue; close(): Promise<void> };
type Backend = { name: string; open(): Promise<Opened> };
type Run = { result: WorkloadResult; delivery?: ReturnType<TimedMessageQueue['summary']> };

const memory: Backend = {
  name: 'memory',
  async open() {
    const adapters = createAccountAdapters();
    adapters.relay.start();
    return { adapters, deadlocks: () => 0, close: async () => closeAll(adapters) };
  },
};

function mysqlBackend(url: string, concurrency: MysqlConcurrency): Backend {
  return {
    name: `mysql ${concurrency}`,
    async open() {
      const db = await scratchDatabase(url);
      const handle = createMysqlPool(db.url, { connectionLimit: CONCURRENCY + 4 });
      const counted = countingPool(handle.pool);
      const delivery = new TimedMessageQueue();
      let deadlocks = 0;
      const adapters = createAccountAdapters({
        mysql: counted.pool,
        mq: delivery,
        mysqlConcurrency: concurrency,
        onDeadlockRetry: () => deadlocks++,
      });
      await adapters.migrate?.();
      adapters.relay.start();
      return {
        adapters,
        deadlocks: () => deadlocks,
        statements: counted.count,
        delivery,
        close: async () => {
          await closeAll(adapters);
          await handle.resource.close();
          await db.drop();
        },
      };
    },
  };
}

/** A database of its own for one run (kit-testing's helper needs vitest), dropped afterwards. */
async function scratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bench_account_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await mysql.createConnection(serverUrl);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const connection = await mysql.createConnection(serverUrl);
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}

/** The floor on a migrated scratch database of its own. */
async function runFloor(url: string, options: WorkloadOptions): Promise<WorkloadResult> {
  const db = await scratchDatabase(url);
  const handle = createMysqlPool(db.url, { connectionLimit: CONCURRENCY + 4 });
  try {
    await createAccountAdapters({ mysql: handle.pool, mq: new MemoryMessageQueue() }).migrate?.();
    const counted = countingPool(handle.pool);
    return await runFloorTransfers(counted.pool, options, statementCounters(counted.count));
  } finally {
    await handle.resource.close();
    await db.drop();
  }
}

function statementCounters(count: StatementCount | undefined): Record<string, () => number> {
  return count ? { inTransactions: () => count.inTransactions, outside: () => count.outside } : {};
}

async function closeAll(adapters: AccountAdapters): Promise<void> {
  for (const resource of [...adapters.resources].reverse()) await resource.close();
}

function line(backend: string, shape: string, result: WorkloadResult): string {
  const failures = Object.entries(result.failures).map(([code, count]) => `${code}×${count}`).join(' ') || 'none';
  return [
    `  ${backend.padEnd(20)} ${shape.padEnd(20)}`,
    `${Math.round(result.perSecond).toLocaleString('en-US').padStart(7)} transfers/s`,
    `p50 ${result.p50Ms.toFixed(2).padStart(7)} ms`,
    `p99 ${result.p99Ms.toFixed(2).padStart(7)} ms`,
    `retries ${(result.retryRate * 100).toFixed(1).padStart(5)}%`,
    `deadlock reruns ${(result.deadlockRate * 100).toFixed(1).padStart(4)}%`,
    `failed: ${failures}`,
    `money conserved: ${result.conserved ? 'yes' : 'NO'}`,
  ].join('   ');
}

async function main(): Promise<void> {
  const url = process.env.MYSQL_URL;
  const backends = [memory, ...(url ? [mysqlBackend(url, 'lock-on-load'), mysqlBackend(url, 'optimistic')] : [])];
  console.log(`account transfers: ${CONCURRENCY} concurrent callers, ${SECONDS}s measured after ${WARMUP_SECONDS}s warm-up${quick ? ' (quick)' : ''}`);
  if (!process.env.MYSQL_URL) console.log('  (MYSQL_URL is not set: memory only)');
  const results = new Map<string, Run>();
  for (const shape of SHAPES) {
    for (const backend of backends) {
      const { adapters, deadlocks, statements, delivery, close } = await backend.open();
      try {
        const options: WorkloadOptions = { accounts: shape.accounts, concurrency: CONCURRENCY, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, onMeasuring: () => delivery?.reset() };
        const result = await runTransfers(adapters, options, deadlocks, statementCounters(statements));
        results.set(`${backend.name}|${shape.name}`, { result, delivery: delivery?.summary() });
        console.log(line(backend.name, shape.name, result));
        if (!result.conserved) process.exitCode = 1;
      } finally {
        await close();
      }
    }
    if (url) {
      const result = await runFloor(url, { accounts: shape.accounts, concurrency: CONCURRENCY, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS });
      results.set(`${FLOOR}|${shape.name}`, { result });
      console.log(line(FLOOR, shape.name, result));
      if (!result.conserved) process.exitCode = 1;
    }
  }
  if (backends.length > 1) {
    console.log('\nMySQL / memory:');
    for (const shape of SHAPES) {
      const mem = results.get(`memory|${shape.name}`)?.result;
      for (const backend of backends.slice(1)) {
        const mysql = results.get(`${backend.name}|${shape.name}`)?.result;
        if (!mysql || !mem) continue;
        console.log(
          `  ${backend.name.padEnd(20)} ${shape.name.padEnd(20)}   throughput ×${(mysql.perSecond / mem.perSecond).toFixed(4)}   p99 ×${(mysql.p99Ms / mem.p99Ms).toFixed(0)}`,
        );
      }
    }
    console.log(`\nAgainst the floor (target ≥ 0.80), statements per committed transfer (counted: in transactions + outside), relay delivery:`);
    for (const shape of SHAPES) {
      for (const name of [...backends.slice(1).map((backend) => backend.name), FLOOR]) {
        const run = results.get(`${name}|${shape.name}`);
        const floor = results.get(`${FLOOR}|${shape.name}`)?.result;
        if (!run || !floor) continue;
        const { inTransactions = 0, outside = 0 } = run.result.perCompletion;
        const delivery = run.delivery ? `   delivery p50 ${run.delivery.p50Ms} ms  p99 ${run.delivery.p99Ms} ms (${run.delivery.events} events)` : '';
        console.log(
          `  ${name.padEnd(20)} ${shape.name.padEnd(20)}   ×${(run.result.perSecond / floor.perSecond).toFixed(2)} of the floor   statements ${inTransactions.toFixed(2)} + ${outside.toFixed(2)}${delivery}`,
        );
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
