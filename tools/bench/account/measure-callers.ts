import { isAppError } from '@mosaic/kit-core';
import type { WorkloadOptions, WorkloadResult } from './transfer-workload';

export type Measured = Omit<WorkloadResult, 'retryRate' | 'deadlockRate' | 'conserved'> & {
  /** Each counter's growth during the measured window, per completion. */
  readonly perCompletion: Record<string, number>;
};

/**
 * `concurrency` callers running `operation` back to back, measured after a warm-up:
 * completions per second, p50/p99 latency, failures by code, and how much each of
 * `counters` (retries, statements…) grew during the window, per completion.
 */
export async function measureCallers(
  operation: () => Promise<unknown>,
  options: WorkloadOptions,
  counters: Record<string, () => number> = {},
): Promise<Measured> {
  let measuring = false;
  let stop = false;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const caller = async () => {
    while (!stop) {
      // The memory backend never waits on I/O: without a turn of the event loop here the
      // callers would starve every timer (the clock of this run included). Requests
      // arriving over a socket get that turn anyway.
      await new Promise((resolve) => setImmediate(resolve));
      const started = performance.now();
      try {
        await operation();
        if (measuring) latencies.push(performance.now() - started);
      } catch (error) {
        const code = isAppError(error) ? error.code : error instanceof Error ? error.message : 'unexpected';
        if (measuring) failures[code] = (failures[code] ?? 0) + 1;
      }
    }
  };
  const callers = Array.from({ length: options.concurrency }, caller);
  await sleep(options.warmupSeconds * 1000);
  measuring = true;
  options.onMeasuring?.();
  const read = () => Object.fromEntries(Object.entries(counters).map(([name, counter]) => [name, counter()]));
  const atStart = read();
  const startedAt = performance.now();
  await sleep(options.seconds * 1000);
  measuring = false;
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  const atEnd = read();
  stop = true;
  await Promise.all(callers);
  const sorted = Float64Array.from(latencies).sort();
  return {
    transfers: latencies.length,
    perSecond: latencies.length / elapsedSeconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    failures,
    perCompletion: Object.fromEntries(
      Object.keys(counters).map((name) => [name, latencies.length === 0 ? 0 : ((atEnd[name] ?? 0) - (atStart[name] ?? 0)) / latencies.length]),
    ),
  };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
