import { MemoryMessageQueue, type OutgoingMessage } from '@mosaic/kit-mq';
import { percentile } from './measure-callers';

/**
 * The in-process queue the relay publishes to, noting for each event how long after
 * it happened it was published: the event's time is taken inside the transaction, so
 * the figure is commit → publish plus the rest of its transaction (a few ms).
 */
export class TimedMessageQueue extends MemoryMessageQueue {
  private latencies: number[] = [];

  override async produceBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    const now = Date.now();
    for (const message of messages) {
      const occurredAt = (message.value as { occurredAt?: unknown }).occurredAt;
      if (typeof occurredAt === 'string') this.latencies.push(now - Date.parse(occurredAt));
    }
    await super.produceBatch(topic, messages);
  }

  /** Forgets what was noted so far (the warm-up, the set-up). */
  reset(): void {
    this.latencies = [];
  }

  summary(): { events: number; p50Ms: number; p99Ms: number } {
    const sorted = Float64Array.from(this.latencies).sort();
    return { events: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
  }
}
