/**
 * Exchange engine benchmark: one command, one run, every figure.
 *
 *   npx tsx tools/bench/exchange-engine/main.ts [--quick] [--replay]
 *
 * (a) matching only: the same mixed workload through Mosaic's book + matcher and
 *     through nodejs-order-book, alternating rounds, with a check that both end
 *     with the same traded volume and the same book;
 * (b) the full engine (assets, holds, clearing, fees, results): throughput and
 *     per-command latency percentiles;
 * (c) file journal appends per second with group commit, per fsync policy;
 * (d) replay speed: journal on disk → decode → engine, binary records against the
 *     former JSON ones (and decode alone), then snapshot/restore times;
 * (e) the service write path: sequence → durable append → apply → answer.
 *
 * A benchmark prints figures; it asserts nothing about time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeSnapshot, encodeSnapshot, ExchangeEngine, type JournalRecord } from '@mosaic/exchange-domain';
import { FileCommandJournal, type FsyncPolicy } from '@mosaic/exchange-repository';
import { ExchangeService } from '@mosaic/exchange-usecase';
import { generateEngineWorkload } from './engine-workload';
import { measureReplay, type Rate } from './replay-bench';
import { referenceIds, runMosaic, runReference, sameOutcome, type MatchingOutcome } from './matching-bench';
import { median, micros, percentile, rate, row } from './stats';
import { generateWorkload } from './workload';

const quick = process.argv.includes('--quick');
/** Only (d): the journal replay figures. */
const replayOnly = process.argv.includes('--replay');
const SCALE = quick ? 0.1 : 1;

function section(title: string): void {
  console.log(`\n${title}`);
}

function matching(): { ratio: number } {
  section('(a) Matching: same mixed workload, Mosaic vs nodejs-order-book');
  const shape = { restingOrders: 10_000, operations: Math.round(1_000_000 * SCALE), crossingShare: 0.15, limitShare: 0.55, marketShare: 0.12 };
  const workload = generateWorkload(shape);
  const ids = referenceIds(workload);
  const warmup = generateWorkload({ ...shape, operations: Math.round(200_000 * SCALE) }, 99);
  runMosaic(warmup);
  runReference(warmup, referenceIds(warmup));

  const ours: MatchingOutcome[] = [];
  const theirs: MatchingOutcome[] = [];
  for (let round = 0; round < 3; round++) {
    ours.push(runMosaic(workload));
    theirs.push(runReference(workload, ids));
  }
  const oursRate = median(ours.map((o) => o.operations / o.seconds));
  const theirsRate = median(theirs.map((o) => o.operations / o.seconds));
  const kinds = { limit: 0, market: 0, cancel: 0 };
  for (let i = workload.seeded; i < workload.length; i++) kinds[(['limit', 'market', 'cancel'] as const)[workload.kind[i]]] += 1;
  row(
    'workload',
    `${shape.restingOrders.toLocaleString('en-US')} resting, then ${shape.operations.toLocaleString('en-US')} ops (${kinds.limit} limit, ${kinds.market} market, ${kinds.cancel} cancel)`,
  );
  row(
    'final book',
    `${(ours[0].resting ?? 0).toLocaleString('en-US')} orders on ${ours[0].bids.length}/${ours[0].asks.length} bid/ask levels; ${ours[0].traded.toLocaleString('en-US')} lots traded`,
  );
  row('same trades and final book in both engines', ours.every((o, i) => sameOutcome(o, theirs[i])) ? 'yes' : 'NO');
  row('Mosaic matching (median of 3)', rate(oursRate, 1));
  row('nodejs-order-book (median of 3)', rate(theirsRate, 1));
  const ratio = oursRate / theirsRate;
  row('ratio Mosaic / nodejs-order-book', `${ratio.toFixed(2)}×`);
  return { ratio };
}

function fullEngine(): { engine: ExchangeEngine; records: JournalRecord[] } {
  section('(b) Full engine: assets, holds, matching, clearing with fees, results');
  const workload = generateEngineWorkload(1_000, 10_000, Math.round(1_000_000 * SCALE));
  const warm = new ExchangeEngine();
  for (const record of workload.setup) warm.apply(record);
  for (const record of workload.operations.slice(0, 100_000 * SCALE)) warm.apply(record);

  const fresh = () => {
    const engine = new ExchangeEngine();
    for (const record of workload.setup) engine.apply(record);
    return engine;
  };
  const throughputs: number[] = [];
  let engine = fresh();
  let trades = 0;
  const rejected = new Map<string, number>();
  for (let round = 0; round < 3; round++) {
    engine = fresh();
    const ops = workload.operations;
    const start = performance.now();
    for (let i = 0; i < ops.length; i++) engine.apply(ops[i]);
    throughputs.push(ops.length / ((performance.now() - start) / 1000));
  }
  const latencyEngine = fresh();
  const samples = new Float64Array(workload.operations.length);
  for (let i = 0; i < workload.operations.length; i++) {
    const before = performance.now();
    const result = latencyEngine.apply(workload.operations[i]);
    samples[i] = performance.now() - before;
    if (!result.accepted) rejected.set(result.reason, (rejected.get(result.reason) ?? 0) + 1);
    for (const event of result.events) if (event.type === 'trade') trades += 1;
  }
  samples.sort();
  row('commands', `${workload.operations.length.toLocaleString('en-US')} after ${workload.setup.length.toLocaleString('en-US')} setup commands (1,000 users)`);
  const reasons = [...rejected].map(([reason, count]) => `${count.toLocaleString('en-US')} ${reason}`).join(', ');
  row('trades', trades.toLocaleString('en-US'));
  row('rejected commands', reasons || 'none');
  row(
    'resting orders at the end',
    engine
      .snapshot()
      .books.reduce((sum, book) => sum + book.orders.length, 0)
      .toLocaleString('en-US'),
  );
  row('throughput (median of 3)', rate(median(throughputs), 1));
  row('latency p50 / p99 / p99.9 / max', [50, 99, 99.9, 100].map((p) => micros(percentile(samples, p))).join(' / '));
  row('state consistent after the run (audit)', engine.audit().length === 0 ? 'yes' : 'NO');
  return { engine, records: [...workload.setup, ...workload.operations] };
}

async function journal(records: JournalRecord[], dir: string): Promise<void> {
  section('(c) File journal: appends with group commit');
  const count = Math.min(records.length, Math.round(300_000 * SCALE));
  const inFlight = 10_000;
  for (const fsync of [{ mode: 'always' }, { mode: 'interval', intervalMs: 5 }, { mode: 'never' }] satisfies FsyncPolicy[]) {
    const path = join(dir, `journal-${fsync.mode}`);
    const writer = await FileCommandJournal.open({ dir: path, fsync });
    const start = performance.now();
    const window: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      window.push(writer.append(records[i]));
      if (window.length === inFlight) await Promise.all(window.splice(0));
    }
    await Promise.all(window);
    const seconds = (performance.now() - start) / 1000;
    const { writes, syncs, bytes } = writer.stats;
    await writer.close();
    row(
      `fsync ${fsync.mode}`,
      `${rate(count, seconds)} (${writes} writes, ${syncs} fsyncs, ${Math.round(count / writes)} records/write, ${(bytes / count).toFixed(0)} B/record)`,
    );
  }
  row('durable appends in flight', inFlight.toLocaleString('en-US'));
}

/** The bar for binary replay (file → decode → engine), in commands per second. */
const REPLAY_TARGET = 1_000_000;

async function replay(records: JournalRecord[], dir: string, engine: ExchangeEngine): Promise<Rate> {
  section('(d) Replay and snapshots');
  const figures = await measureReplay(records, dir, 3);
  const { binary, json } = figures;
  row(
    'commands replayed',
    `${figures.commands.toLocaleString('en-US')} (${figures.bytesPerRecord.binary.toFixed(0)} B/record binary, ${figures.bytesPerRecord.json.toFixed(0)} B/record JSON)`,
  );
  const both = (r: Rate) => `${rate(r.wall, 1)} (${rate(r.cpu, 1)} of CPU time)`;
  row('binary: file → decode → engine (median of 3)', both(binary.replay));
  row('JSON (former format): file → decode → engine', both(json.replay));
  row('ratio binary / JSON, replay', `${(binary.replay.wall / json.replay.wall).toFixed(2)}× (CPU time ${(binary.replay.cpu / json.replay.cpu).toFixed(2)}×)`);
  row('binary: file → decode → engine.apply (results)', both(binary.apply));
  row(
    'ratio silent replay / apply',
    `${(binary.replay.wall / binary.apply.wall).toFixed(2)}× (CPU time ${(binary.replay.cpu / binary.apply.cpu).toFixed(2)}×)`,
  );
  row('binary: file → decode only', both(binary.decode));
  row('JSON (former format): file → decode only', both(json.decode));
  row('ratio binary / JSON, decode', `${(binary.decode.wall / json.decode.wall).toFixed(2)}× (CPU time ${(binary.decode.cpu / json.decode.cpu).toFixed(2)}×)`);

  const takes: number[] = [];
  const restores: number[] = [];
  let text = '';
  let restored = engine;
  for (let round = 0; round < 3; round++) {
    let begin = performance.now();
    text = encodeSnapshot(engine.snapshot());
    takes.push(performance.now() - begin);
    begin = performance.now();
    restored = ExchangeEngine.restore(decodeSnapshot(text));
    restores.push(performance.now() - begin);
  }
  const orders = engine.snapshot().books.reduce((sum, book) => sum + book.orders.length, 0);
  row(
    'snapshot take + encode (median of 3)',
    `${median(takes).toFixed(1)} ms (${orders.toLocaleString('en-US')} orders, ${engine.users().length.toLocaleString('en-US')} users, ${(text.length / 1024 / 1024).toFixed(1)} MiB)`,
  );
  row(
    'snapshot decode + restore (median of 3)',
    `${median(restores).toFixed(1)} ms, same state hash: ${restored.stateHash() === engine.stateHash() ? 'yes' : 'NO'}`,
  );
  return binary.replay;
}

async function service(records: JournalRecord[], dir: string): Promise<void> {
  section('(e) Service write path: sequence → durable append (fsync always) → apply → answer');
  const journal = await FileCommandJournal.open({ dir: join(dir, 'service') });
  const exchange = await ExchangeService.open({ journal, snapshotEvery: 0 });
  const count = Math.min(records.length, Math.round(200_000 * SCALE));
  const concurrency = 1_000;
  const latencies = new Float64Array(count);
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const begin = performance.now();
        await exchange.submit(records[i].command);
        latencies[i] = performance.now() - begin;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const { writes, syncs } = journal.stats;
  await exchange.close();
  await journal.close();
  latencies.sort();
  row('acknowledged commands', `${rate(count, seconds)} with ${concurrency} clients in flight (${writes} writes, ${syncs} fsyncs)`);
  row('submit → ack p50 / p99', `${micros(percentile(latencies, 50))} / ${micros(percentile(latencies, 99))}`);
}

async function main(): Promise<void> {
  const began = performance.now();
  console.log(`Exchange engine benchmark — Node ${process.version}, ${quick ? 'quick' : 'full'} run${replayOnly ? ', replay only' : ''}`);
  const ratio = replayOnly ? undefined : matching().ratio;
  const { engine, records } = replayOnly ? replayWorkload() : fullEngine();
  const dir = await mkdtemp(join(tmpdir(), 'exchange-bench-'));
  let replayRate: Rate | undefined;
  try {
    if (!replayOnly) await journal(records, dir);
    replayRate = await replay(records, dir, engine);
    if (!replayOnly) await service(records, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  section('Summary');
  if (ratio !== undefined) row('matching vs nodejs-order-book', `${ratio.toFixed(2)}× (target ≥ 2×: ${ratio >= 2 ? 'met' : 'NOT met'})`);
  if (replayRate !== undefined) {
    const verdict = (value: number) => `${(value / REPLAY_TARGET).toFixed(2)}× the target: ${value >= REPLAY_TARGET ? 'met' : 'NOT met'}`;
    row(
      'binary replay vs target ≥ 1,000,000/s',
      `${rate(replayRate.wall, 1)} wall (${verdict(replayRate.wall)}); ${rate(replayRate.cpu, 1)} of CPU time (${verdict(replayRate.cpu)})`,
    );
  }
  row('total benchmark time', `${((performance.now() - began) / 1000).toFixed(1)} s`);
}

/** The records of (b), played once through an engine, without timing (section (d) alone). */
function replayWorkload(): { engine: ExchangeEngine; records: JournalRecord[] } {
  const workload = generateEngineWorkload(1_000, 10_000, Math.round(1_000_000 * SCALE));
  const records = [...workload.setup, ...workload.operations];
  const engine = new ExchangeEngine();
  for (const record of records) engine.apply(record);
  return { engine, records };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
