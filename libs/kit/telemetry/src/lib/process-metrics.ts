import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Meter } from '@opentelemetry/api';

/** CPU, memory, event-loop delay and uptime, read only when /metrics is scraped. */
export function registerProcessMetrics(meter: Meter): () => void {
  const loopDelay = monitorEventLoopDelay({ resolution: 20 });
  loopDelay.enable();

  meter.createObservableCounter('process_cpu_seconds', { description: 'User and system CPU time spent', unit: 's' }).addCallback((result) => {
    const { user, system } = process.cpuUsage();
    result.observe(user / 1e6, { mode: 'user' });
    result.observe(system / 1e6, { mode: 'system' });
  });
  meter.createObservableGauge('process_memory_bytes', { description: 'Process memory by kind', unit: 'By' }).addCallback((result) => {
    const usage = process.memoryUsage();
    result.observe(usage.rss, { kind: 'rss' });
    result.observe(usage.heapUsed, { kind: 'heap_used' });
    result.observe(usage.heapTotal, { kind: 'heap_total' });
    result.observe(usage.external, { kind: 'external' });
  });
  meter.createObservableGauge('nodejs_eventloop_delay_seconds', { description: 'Event loop delay since the last scrape', unit: 's' }).addCallback((result) => {
    // The histogram is empty (NaN mean) until the loop has been sampled once.
    if (loopDelay.count === 0) return;
    result.observe(loopDelay.mean / 1e9, { stat: 'mean' });
    result.observe(loopDelay.percentile(99) / 1e9, { stat: 'p99' });
    result.observe(loopDelay.max / 1e9, { stat: 'max' });
    loopDelay.reset();
  });
  meter.createObservableGauge('process_uptime_seconds', { description: 'Seconds since the process started', unit: 's' }).addCallback((result) => {
    result.observe(process.uptime());
  });
  return () => loopDelay.disable();
}
