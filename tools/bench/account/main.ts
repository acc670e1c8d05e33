/**
 * Account transfer benchmark: one command, every figure.
 *
 *   npx tsx tools/bench/account/main.ts [--quick]          (MYSQL_URL set: MySQL too)
 *
 * Diagnostics: `--lock-on-load` (MySQL lock-on-load and the floor only), `--no-relay`
 * (the relay stays stopped: its share of the cost), `--timings` (each statement kind's
 * mean time from call to answer in the measured window, per run), `--no-warm-up-round`
 * (count from the first round, while V8 is still compiling the code under test).
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
 * delivery latency (event → publish, p50/p99). MySQL runs and the floor take turns in
 * rounds of alternating order, with the same pool size and callers, so drifting load
 * on a shared machine meets both alike. A benchmark prints figures; it asserts
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
const ROUNDS = quick ? 2 : 3;
// Diagnostics: `--no-relay` leaves the relay stopped (its share of the cost), `--lock-on-load` skips the memory and optimistic runs.
const RELAY = !process.argv.includes('--no-relay');
const LOCK_ON_LOAD_ONLY = process.argv.includes('--lock-on-load');
// `--timings`: each statement kind's mean time from call to answer, per run.
const TIMINGS = process.argv.includes('--timings');
// `--no-warm-up-round`: measure from the first round, JIT warm-up included (the method before it existed).
const WARM_UP_ROUND = !process.argv.includes('--no-warm-up-round');
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
      if (RELAY) adapters.relay.start();
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
    const result = await runFloorTransfers(counted.pool, { ...options, onMeasuring: () => counted.count.timings.clear() }, statementCounters(counted.count));
    printTimings(counted.count);
    return result;
  } finally {
    await handle.resource.close();
    await db.drop();
  }
}

function statementCounters(count: StatementCount | undefined): Record<string, () => number> {
  // This process's CPU (all its threads: JIT, GC, the driver, the code under test), per transfer.
  const clientCpuMicros = () => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };
  return count ? { inTransactions: () => count.inTransactions, outside: () => count.outside, clientCpuMicros } : {};
}

function printTimings(count: StatementCount): void {
  if (!TIMINGS) return;
  const kinds = [...count.timings].sort(([, a], [, b]) => b.totalMs - a.totalMs);
  console.log(`      ${kinds.map(([kind, { count: n, totalMs }]) => `${kind} ${(totalMs / n).toFixed(1)} ms ×${n}`).join(' | ')}`);
}

async function runBackend(backend: Backend, options: WorkloadOptions): Promise<Run> {
  const { adapters, deadlocks, statements, delivery, close } = await backend.open();
  try {
    const onMeasuring = () => {
      delivery?.reset();
      statements?.timings.clear();
    };
    const result = await runTransfers(adapters, { ...options, onMeasuring }, deadlocks, statementCounters(statements));
    if (statements) printTimings(statements);
    return { result, delivery: delivery?.summary() };
  } finally {
    await close();
  }
}

/** Rounds of one case as one: throughput over all measured time, the other figures averaged by transfers (latencies: the rounds' mean). */
function mergeRuns(runs: readonly Run[]): Run {
  const transfers = runs.reduce((sum, run) => sum + run.result.transfers, 0);
  const seconds = runs.reduce((sum, run) => sum + run.result.transfers / (run.result.perSecond || Infinity), 0);
  const weighted = (figure: (result: WorkloadResult) => number) =>
    transfers === 0 ? 0 : runs.reduce((sum, run) => sum + figure(run.result) * run.result.transfers, 0) / transfers;
  const mean = (figure: (result: WorkloadResult) => number) => runs.reduce((sum, run) => sum + figure(run.result), 0) / runs.length;
  const failures: Record<string, number> = {};
  for (const run of runs) for (const [code, count] of Object.entries(run.result.failures)) failures[code] = (failures[code] ?? 0) + count;
  const counters = [...new Set(runs.flatMap((run) => Object.keys(run.result.perCompletion)))];
  const deliveries = runs.flatMap((run) => (run.delivery ? [run.delivery] : []));
  return {
    result: {
      transfers,
      perSecond: seconds === 0 ? 0 : transfers / seconds,
      p50Ms: mean((result) => result.p50Ms),
      p99Ms: mean((result) => result.p99Ms),
      retryRate: weighted((result) => result.retryRate),
      deadlockRate: weighted((result) => result.deadlockRate),
      failures,
      conserved: runs.every((run) => run.result.conserved),
      perCompletion: Object.fromEntries(counters.map((name) => [name, weighted((result) => result.perCompletion[name] ?? 0)])),
    },
    delivery:
      deliveries.length === 0
        ? undefined
        : {
            events: deliveries.reduce((sum, delivery) => sum + delivery.events, 0),
            p50Ms: Math.round(deliveries.reduce((sum, delivery) => sum + delivery.p50Ms, 0) / deliveries.length),
            p99Ms: Math.round(deliveries.reduce((sum, delivery) => sum + delivery.p99Ms, 0) / deliveries.length),
          },
  };
}

async function closeAll(adapters: AccountAdapters): Promise<void> {
  for (const resource of [...adapters.resources].reverse()) await resource.close();
}

function line(backend: string, shape: string, result: WorkloadResult): string {
  const failures =
    Object.entries(result.failures)
      .map(([code, count]) => `${code}×${count}`)
      .join(' ') || 'none';
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
  const mysqlBackends = url ? [mysqlBackend(url, 'lock-on-load'), ...(LOCK_ON_LOAD_ONLY ? [] : [mysqlBackend(url, 'optimistic')])] : [];
  const backends = [...(LOCK_ON_LOAD_ONLY && url ? [] : [memory]), ...mysqlBackends];
  console.log(
    `account transfers: ${CONCURRENCY} concurrent callers, ${SECONDS}s measured after ${WARMUP_SECONDS}s warm-up${quick ? ' (quick)' : ''}; MySQL runs and the floor in ${ROUNDS} alternating rounds after ${WARM_UP_ROUND ? 'one uncounted round of each' : 'no uncounted round'}, same pool size (${CONCURRENCY + 4})`,
  );
  if (!process.env.MYSQL_URL) console.log('  (MYSQL_URL is not set: memory only)');
  const results = new Map<string, Run>();
  if (!RELAY) console.log('  (relay not started: --no-relay)');
  for (const [index, shape] of SHAPES.entries()) {
    const options: WorkloadOptions = { accounts: shape.accounts, concurrency: CONCURRENCY, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS };
    const runs = new Map<string, () => Promise<Run>>(backends.map((backend) => [backend.name, () => runBackend(backend, options)]));
    if (url) runs.set(FLOOR, async () => ({ result: await runFloor(url, options) }));
    if (index === 0 && WARM_UP_ROUND) {
      // Once per process, an uncounted round of every case: the first rounds otherwise
      // also measure V8 compiling the code under test — a few thousand transfers' worth,
      // much more of it for the product than for the floor's one function — which a
      // long-running service pays once, not per second.
      for (const [name, run] of runs) if (name !== memory.name) await run();
    }
    // The machine is shared and its load drifts: MySQL runs and the floor take turns,
    // in alternating order, so each meets the same conditions (and the same warm-up).
    const rounds = new Map<string, Run[]>();
    const memoryRun = runs.get(memory.name);
    if (memoryRun) rounds.set(memory.name, [await memoryRun()]);
    const compared = [...runs.keys()].filter((name) => name !== memory.name);
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of round % 2 === 0 ? compared : [...compared].reverse()) {
        const run = await (runs.get(name) as () => Promise<Run>)();
        rounds.set(name, [...(rounds.get(name) ?? []), run]);
      }
    }
    for (const [name, list] of rounds) {
      const run = mergeRuns(list);
      results.set(`${name}|${shape.name}`, run);
      console.log(line(name, shape.name, run.result));
      if (!run.result.conserved) process.exitCode = 1;
    }
  }
  if (url) {
    console.log('\nMySQL / memory:');
    for (const shape of SHAPES) {
      const mem = results.get(`memory|${shape.name}`)?.result;
      for (const backend of mysqlBackends) {
        const mysql = results.get(`${backend.name}|${shape.name}`)?.result;
        if (!mysql || !mem) continue;
        console.log(
          `  ${backend.name.padEnd(20)} ${shape.name.padEnd(20)}   throughput ×${(mysql.perSecond / mem.perSecond).toFixed(4)}   p99 ×${(mysql.p99Ms / mem.p99Ms).toFixed(0)}`,
        );
      }
    }
    console.log(
      `\nAgainst the floor (target ≥ 0.80), per committed transfer: statements (counted: in transactions + outside) and this process's CPU; relay delivery:`,
    );
    for (const shape of SHAPES) {
      for (const name of [...mysqlBackends.map((backend) => backend.name), FLOOR]) {
        const run = results.get(`${name}|${shape.name}`);
        const floor = results.get(`${FLOOR}|${shape.name}`)?.result;
        if (!run || !floor) continue;
        const { inTransactions = 0, outside = 0, clientCpuMicros = 0 } = run.result.perCompletion;
        const delivery = run.delivery ? `   delivery p50 ${run.delivery.p50Ms} ms  p99 ${run.delivery.p99Ms} ms (${run.delivery.events} events)` : '';
        console.log(
          `  ${name.padEnd(20)} ${shape.name.padEnd(20)}   ×${(run.result.perSecond / floor.perSecond).toFixed(2)} of the floor   statements ${inTransactions.toFixed(2)} + ${outside.toFixed(2)}   client CPU ${Math.round(clientCpuMicros)} µs${delivery}`,
        );
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
