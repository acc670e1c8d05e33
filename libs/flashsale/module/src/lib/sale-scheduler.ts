import type { FlashsaleUseCases } from '@mosaic/flashsale-usecase';
import type { Resource } from '@mosaic/kit-core';

export interface SchedulerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/**
 * The flash sale's background work: create the current and next sales ahead of time,
 * and reconcile the gate with the store of record. `tick` runs one round (tests call it
 * after moving their clock); `start` repeats both on timers until `close`.
 */
export class SaleScheduler implements Resource {
  readonly name = 'flashsale-scheduler';
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly useCases: Pick<FlashsaleUseCases, 'ensureSales' | 'reconcileSale'>,
    private readonly logger: SchedulerLogger,
    private readonly intervals: { scheduleMs: number; reconcileMs: number },
  ) {}

  /** Creates what is missing and reconciles the open sale (its claims too, with `claims`). */
  async tick(options: { claims?: boolean } = {}): Promise<void> {
    const created = await this.useCases.ensureSales.execute();
    if (created.length > 0) this.logger.info({ sales: created }, 'flash sales created');
    await this.useCases.reconcileSale.execute(options);
  }

  start(): void {
    if (this.timers.length > 0) return;
    const every = (ms: number, what: string, run: () => Promise<unknown>) => {
      const timer = setInterval(() => {
        run().catch((error: unknown) => this.logger.error({ err: error }, `flash sale ${what} failed; retrying at the next interval`));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.intervals.scheduleMs, 'scheduling', () => this.useCases.ensureSales.execute());
    every(this.intervals.reconcileMs, 'reconciliation', () => this.useCases.reconcileSale.execute());
  }

  async check(): Promise<void> {
    return undefined;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }
}
