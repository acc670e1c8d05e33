import type { Resource } from '@mosaic/kit-core';
import type { ClickCounter } from '@mosaic/urlshortener-domain';
import type { ErrorReporter } from './error-reporter';

export interface ClickBufferOptions {
  onError: ErrorReporter;
  /** Flush early once this many distinct codes wait, so a flood of codes cannot grow memory without bound. Default 10,000. */
  maxPendingCodes?: number;
}

/**
 * Counts redirects in process memory and adds them to the ClickCounter in batches,
 * so a redirect costs a Map update and never waits on storage. A batch that fails
 * to store goes back into the buffer for the next flush; `stop` flushes what is
 * left, so a clean shutdown loses nothing.
 */
export class ClickBuffer {
  private pending = new Map<string, number>();
  /** The batch being written: still counted by `pendingFor` until it is stored. */
  private inflight: ReadonlyMap<string, number> | undefined;
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stored = 0;
  /** Set while the counter is failing: early flushes wait for the timer instead of hammering it. */
  private failing = false;
  private readonly maxPendingCodes: number;

  constructor(
    private readonly counter: ClickCounter,
    private readonly options: ClickBufferOptions,
  ) {
    this.maxPendingCodes = options.maxPendingCodes ?? 10_000;
  }

  record(code: string): void {
    this.pending.set(code, (this.pending.get(code) ?? 0) + 1);
    if (this.pending.size >= this.maxPendingCodes && this.writing === undefined && !this.failing) this.flushInBackground();
  }

  /** Clicks recorded for a code and not yet stored. */
  pendingFor(code: string): number {
    return (this.pending.get(code) ?? 0) + (this.inflight?.get(code) ?? 0);
  }

  /** Increases each time a batch is stored; readers use it to notice a flush that raced them. */
  get storedBatches(): number {
    return this.stored;
  }

  /** Stores every click recorded before the call; rejects when storing fails (the clicks stay buffered). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined);
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.inflight = batch;
    // Deferred a tick so `write` cannot finish (and clear `writing`) before it is assigned.
    this.writing = Promise.resolve().then(() => this.write(batch));
    await this.writing;
  }

  /** Flushes every `intervalMs` until `stop`; the timer never keeps the process alive. */
  start(intervalMs: number): void {
    if (!Number.isSafeInteger(intervalMs) || intervalMs < 1) throw new RangeError(`flush interval must be a positive integer of ms, got ${intervalMs}`);
    if (this.timer) return;
    this.timer = setInterval(() => this.flushInBackground(), intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and stores what is left. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** For a server's lifecycle: closing it (after requests have drained) stores the last clicks. */
  asResource(name = 'urlshortener-clicks'): Resource {
    return { name, check: async () => undefined, close: () => this.stop() };
  }

  private async write(batch: Map<string, number>): Promise<void> {
    try {
      await this.counter.add(batch);
      this.stored++;
      this.failing = false;
    } catch (error) {
      this.failing = true;
      // Back into the buffer: the next flush retries them along with newer clicks.
      for (const [code, count] of batch) this.pending.set(code, (this.pending.get(code) ?? 0) + count);
      throw error;
    } finally {
      this.inflight = undefined;
      this.writing = undefined;
    }
  }

  private flushInBackground(): void {
    this.flush().catch((error: unknown) => this.options.onError(error, 'storing click counts'));
  }
}
