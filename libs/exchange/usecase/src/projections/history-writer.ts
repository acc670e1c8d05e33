import type { HistoryChange, OrderHistoryStore } from '@mosaic/exchange-domain';

/**
 * Feeds history changes to the store in sequence order, in batches, one write
 * at a time. Readers wait for `caughtUp()` so a client reads its own orders
 * right after they were acknowledged.
 */
export class HistoryWriter {
  private pending: HistoryChange[] = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly store: OrderHistoryStore,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(change: HistoryChange): void {
    this.pending.push(change);
    this.flushing ??= this.flush();
  }

  /** Resolves once every change pushed so far is in the store; rejects if the store failed. */
  async caughtUp(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing;
    if (this.failure !== undefined) throw this.failure;
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        await this.store.apply(batch);
      }
      this.failure = undefined;
    } catch (error) {
      // The store refused: keep nothing half-applied in view; a restart replays the journal into it.
      this.failure = error;
      this.pending = [];
      this.onError(error);
    } finally {
      this.flushing = undefined;
    }
  }
}
