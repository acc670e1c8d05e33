import type { FillQuery, FillRow, HistoryChange, OrderQuery, OrderRow, TransferQuery, TransferRow } from '../history/history-rows';

/**
 * Orders, fills and transfers as projected from engine results. Idempotent by
 * sequence: a change at or below `lastSeq()` is skipped, so a replay of the whole
 * journal after a restart never double-counts. Embedded default: memory
 * (rebuilt from the journal at start-up); MySQL when configured.
 */
export interface OrderHistoryStore {
  /** The sequence of the last change applied, 0 when empty. */
  lastSeq(): Promise<number>;
  /** Applies changes in sequence order, atomically per call; skips those at or below `lastSeq()`. */
  apply(changes: readonly HistoryChange[]): Promise<void>;
  order(id: number): Promise<OrderRow | undefined>;
  orders(query: OrderQuery): Promise<OrderRow[]>;
  fills(query: FillQuery): Promise<FillRow[]>;
  transfers(query: TransferQuery): Promise<TransferRow[]>;
  /**
   * Only for a store that keeps nothing itself (memory): its whole content as one
   * change at its `lastSeq()`, as of the last `apply` call, which `apply` on an
   * empty store turns back into the same content. A snapshot saves it so a restart
   * need not rebuild the store from the first journal record.
   */
  dump?(): HistoryChange;
}
