/**
 * Who may sequence: at most one holder at a time, for a bounded time renewed while
 * the holder is alive. A lease only decides who tries; the journal's own fencing
 * is what stops a holder that lost it without noticing (paused, cut off).
 */
export interface LeaderLease {
  /** Resolves with a fencing token (larger for every new holder) once this instance holds the lease. */
  acquire(): Promise<number>;
  /** Called once when a held lease could not be renewed in time. */
  onLost(listener: (reason: string) => void): void;
  /** Gives the lease up (so a standby takes over at once) and stops campaigning. */
  close(): Promise<void>;
}
