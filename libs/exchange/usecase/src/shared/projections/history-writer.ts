import type { HistoryChange, OrderHistoryStore } from '@mosaic/exchange-domain';

/**
 * Feeds history changes to the store in sequence order, in batches, one write
 * at a time. Readers wait for `caughtUp()` so a client reads its own orders
 * right after they were acknowledged.
 */
export class HistoryWriter {
  private pending: HistoryChange[] = [];
  /** The batch being written. */
  private writing: readonly HistoryChange[] = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;
  /** Sequence of the last change the store confirmed: every change up to it is in the store. */
  private written = 0;
  /** Set for good once a batch was dropped. */
  private dropped = false;

  constructor(
    private readonly store: OrderHistoryStore,
    private readonly onError: (error: unknown) => void,
    /**
     * After a refused batch, write nothing more (and keep failing `caughtUp`) until a
     * restart: later batches would move the store's watermark past the dropped ones, and
     * a restart could no longer fill the hole. For a process that only projects (the
     * projector); the exchange itself keeps writing so its answers do not stop.
     */
    private readonly haltOnFailure = false,
  ) {}

  push(change: HistoryChange): void {
    if (this.dropped && this.haltOnFailure) return;
    this.pending.push(change);
    this.flushing ??= this.flush();
  }

  /** Every change up to this sequence is in the store. */
  get writtenSeq(): number {
    return this.written;
  }

  /** False once the store refused a batch: changes were dropped, so the store has a hole until a restart replays them. */
  get healthy(): boolean {
    return !this.dropped;
  }

  /** The changes pushed but not yet confirmed by the store, oldest first. */
  unwritten(): HistoryChange[] {
    return [...this.writing, ...this.pending];
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
        this.writing = batch;
        await this.store.apply(batch);
        this.writing = [];
        this.written = batch[batch.length - 1].seq;
      }
      this.failure = undefined;
    } catch (error) {
      // The store refused: keep nothing half-applied in view; a restart replays the journal into it.
      this.failure = error;
      this.dropped = true;
      this.pending = [];
      this.writing = [];
      this.onError(error);
    } finally {
      this.flushing = undefined;
    }
  }
}
