/**
 * kit-mq benchmark: produce→consume throughput and end-to-end latency, memory and
 * Kafka side by side. Kafka runs when KAFKA_BROKERS is set (e.g. after
 * `bash tools/services/services.sh up kafka`).
 *
 *   npx tsx tools/bench/mq/main.ts
 *
 * Two phases per backend, each bounded by a message count and a time limit:
 *  - loaded: MQ_BENCH_MESSAGES messages, MQ_BENCH_WINDOW produce calls in flight;
 *    gives messages per second and the latency a message sees under that load.
 *    Producing is not held back by consuming (on either backend), so when producers
 *    outrun the consumer this latency is mostly the time spent waiting in the backlog;
 *  - idle: MQ_BENCH_PROBES messages one at a time, each produced once the previous one
 *    arrived; gives the latency of an unloaded queue.
 * Figures, not a test: nothing here asserts on time.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { KafkaMessageQueue, MemoryMessageQueue, type MessageQueue, type MqLogger } from '@mosaic/kit-mq';

const MESSAGES = positiveInt('MQ_BENCH_MESSAGES', 20_000);
const WINDOW = positiveInt('MQ_BENCH_WINDOW', 256);
const PROBES = positiveInt('MQ_BENCH_PROBES', 300);
const PAYLOAD_BYTES = positiveInt('MQ_BENCH_PAYLOAD_BYTES', 256);
const PHASE_SECONDS = positiveInt('MQ_BENCH_PHASE_SECONDS', 60);
const KEYS = 64;
const SENT_AT = 'x-bench-sent-at';

interface PhaseResult {
  readonly delivered: number;
  readonly planned: number;
  readonly seconds: number;
  readonly latenciesMs: Float64Array;
}

interface BackendResult {
  readonly name: string;
  readonly loaded: PhaseResult;
  readonly idle: PhaseResult;
}

const quietLogger: MqLogger = {
  info: () => undefined,
  warn: (fields, message) => console.warn(`  [kit-mq] ${message}`, fields),
  error: (fields, message) => console.error(`  [kit-mq] ${message}`, fields),
};

const now = () => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  console.log(
    `kit-mq benchmark: ${MESSAGES} messages of ${PAYLOAD_BYTES} B over ${KEYS} keys, ${WINDOW} produce calls in flight; ` +
      `${PROBES} idle probes; ${PHASE_SECONDS}s limit per phase\n`,
  );
  const results: BackendResult[] = [];
  results.push(await measure('memory', () => new MemoryMessageQueue({ logger: quietLogger })));
  const brokers = process.env.KAFKA_BROKERS?.trim();
  if (brokers) {
    results.push(await measure(`kafka (${brokers})`, () => new KafkaMessageQueue({ brokers, clientId: 'kit-mq-bench', logger: quietLogger })));
  } else {
    console.log('KAFKA_BROKERS is not set: Kafka skipped (bash tools/services/services.sh up kafka; eval "$(bash tools/services/services.sh env kafka)")\n');
  }
  report(results);
}

async function measure(name: string, makeQueue: () => MessageQueue): Promise<BackendResult> {
  console.log(`${name}: running…`);
  const queue = makeQueue();
  try {
    const loaded = await phase(queue, MESSAGES, WINDOW);
    const idle = await phase(queue, PROBES, 1);
    return { name, loaded, idle };
  } finally {
    await queue.close();
  }
}

/** Produces `count` messages with at most `window` produce calls in flight, and waits for all to arrive. */
async function phase(queue: MessageQueue, count: number, window: number): Promise<PhaseResult> {
  const topic = `bench-mq-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  await queue.ensureTopics([{ topic, partitions: 3 }]);
  const deadline = Date.now() + PHASE_SECONDS * 1000;
  const latencies = new Float64Array(count);
  const seen = new Uint8Array(count);
  let delivered = 0;
  let waiters: Array<{ readonly target: number; readonly resolve: () => void }> = [];
  // Resolves once `target` messages have arrived, or when the phase runs out of time.
  const arrivalOf = (target: number) =>
    new Promise<void>((resolve) => {
      if (delivered >= target) return resolve();
      const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      waiters.push({ target, resolve: () => (clearTimeout(timer), resolve()) });
    });

  const consumer = queue.consumer({ group: `${topic}-group`, topics: [topic], concurrency: 3 });
  await consumer.run((message) => {
    const index = Number(message.key?.split(':')[1]);
    if (seen[index]) return; // at-least-once: a redelivery is not a second message
    seen[index] = 1;
    latencies[delivered++] = now() - Number(message.headers[SENT_AT]);
    const ready = waiters.filter((waiter) => waiter.target <= delivered);
    if (ready.length > 0) {
      waiters = waiters.filter((waiter) => waiter.target > delivered);
      for (const waiter of ready) waiter.resolve();
    }
  });

  const payload = randomBytes(Math.ceil(PAYLOAD_BYTES / 2))
    .toString('hex')
    .slice(0, PAYLOAD_BYTES);
  const started = now();
  let next = 0;
  const producer = async () => {
    while (next < count && Date.now() < deadline) {
      const index = next++;
      await queue.produce(topic, { key: `k${index % KEYS}:${index}`, value: { payload }, headers: { [SENT_AT]: String(now()) } });
      if (window === 1) await arrivalOf(index + 1);
    }
  };
  await Promise.all(Array.from({ length: window }, producer));
  await arrivalOf(count);
  const seconds = (now() - started) / 1000;
  await consumer.close();
  return { delivered, planned: count, seconds, latenciesMs: latencies.slice(0, delivered).sort() };
}

function report(results: readonly BackendResult[]): void {
  const rows = results.map(({ name, loaded, idle }) => ({
    backend: name,
    'msg/s': Math.round(loaded.delivered / loaded.seconds).toLocaleString('en-US'),
    'loaded p50 ms': fixed(percentile(loaded.latenciesMs, 0.5)),
    'loaded p99 ms': fixed(percentile(loaded.latenciesMs, 0.99)),
    'idle p50 ms': fixed(percentile(idle.latenciesMs, 0.5)),
    'idle p99 ms': fixed(percentile(idle.latenciesMs, 0.99)),
    delivered: `${loaded.delivered}/${loaded.planned} + ${idle.delivered}/${idle.planned}`,
  }));
  console.log();
  console.table(rows);
  for (const { name, loaded, idle } of results) {
    if (loaded.delivered < loaded.planned || idle.delivered < idle.planned) {
      console.log(`note: ${name} hit the ${PHASE_SECONDS}s limit before every message arrived`);
    }
  }
  const [memory, kafka] = results;
  if (memory && kafka) {
    const rate = (result: BackendResult) => result.loaded.delivered / result.loaded.seconds;
    const p99 = (phase: PhaseResult) => percentile(phase.latenciesMs, 0.99);
    console.log(
      `\nthroughput memory/kafka: ${ratio(rate(memory), rate(kafka))}; ` +
        `p99 latency kafka/memory: idle ${ratio(p99(kafka.idle), p99(memory.idle))}, loaded ${ratio(p99(kafka.loaded), p99(memory.loaded))}`,
    );
  }
}

function percentile(sorted: Float64Array, quantile: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
}

function fixed(value: number): string {
  return Number.isNaN(value) ? '-' : value.toFixed(value < 10 ? 3 : 1);
}

function ratio(numerator: number, denominator: number): string {
  return denominator > 0 ? `${(numerator / denominator).toFixed(1)}×` : '-';
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
