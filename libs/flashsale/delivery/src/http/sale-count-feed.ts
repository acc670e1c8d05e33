import type { FlashsaleUseCases } from '@mosaic/flashsale-usecase';
import type { Resource } from '@mosaic/kit-core';
import type { Response } from 'express';

/** At most one read of the counter and one push per sale in this period, however many watch. */
const PERIOD_MS = 250;
/** A comment line now and then, so proxies keep an idle stream open. */
const HEARTBEAT_MS = 15_000;

interface Watched {
  readonly streams: Set<Response>;
  last: string;
}

/**
 * Items left, pushed to pages as server-sent events. The count is read from the gate
 * (shared by every instance, so a purchase anywhere shows) once per period per watched
 * sale, and sent only when it changed: the cost is one counter read per period
 * whatever the number of watchers, and one small write per watcher per change.
 * While nobody watches, nothing runs.
 */
export class SaleCountFeed implements Resource {
  readonly name = 'flashsale-live-count';
  private readonly sales = new Map<string, Watched>();
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(private readonly getSale: FlashsaleUseCases['getSale']) {}

  /** Streams the sale's counts to `res` (after the first, current one) until the client goes away. */
  async watch(saleId: string, res: Response): Promise<void> {
    const first = countJson(await this.getSale.execute(saleId));
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    // Reconnect soon after a drop; the page falls back to polling while it cannot.
    res.write(`retry: 2000\n\n`);
    res.write(`data: ${first}\n\n`);
    const watched = this.sales.get(saleId) ?? { streams: new Set<Response>(), last: first };
    this.sales.set(saleId, watched);
    watched.streams.add(res);
    res.on('close', () => {
      watched.streams.delete(res);
      if (watched.streams.size === 0) this.sales.delete(saleId);
      if (this.sales.size === 0) this.stop();
    });
    this.start();
  }

  /** Nothing of its own to fail: the counter's backend reports in its own check. */
  check(): Promise<void> {
    return Promise.resolve();
  }

  /** Ends every stream (on shutdown, so they do not hold the drain open). */
  async close(): Promise<void> {
    this.stop();
    for (const { streams } of this.sales.values()) for (const res of streams) res.end();
    this.sales.clear();
  }

  private start(): void {
    this.timer ??= setInterval(() => void this.push(), PERIOD_MS);
    this.heartbeat ??= setInterval(() => {
      for (const { streams } of this.sales.values()) for (const res of streams) res.write(': still here\n\n');
    }, HEARTBEAT_MS);
  }

  private stop(): void {
    clearInterval(this.timer);
    clearInterval(this.heartbeat);
    this.timer = undefined;
    this.heartbeat = undefined;
  }

  private async push(): Promise<void> {
    // A slow counter read skips periods rather than piling reads up.
    if (this.reading) return;
    this.reading = true;
    try {
      for (const [saleId, watched] of this.sales) {
        const now = countJson(await this.getSale.execute(saleId));
        if (now === watched.last) continue;
        watched.last = now;
        for (const res of watched.streams) res.write(`data: ${now}\n\n`);
      }
    } catch {
      // The gate is unreachable: keep the last count; the next period tries again.
    } finally {
      this.reading = false;
    }
  }
}

const countJson = ({ sold, remaining }: { sold: number; remaining: number }) => JSON.stringify({ sold, remaining });
