import { systemClock, type Clock } from '@mosaic/kit-core';
import type { ExchangeCommand, JournalRecord } from '@mosaic/exchange-domain';

export type Sequenced =
  | { duplicate: false; record: JournalRecord }
  /** The same (userId, ref) was sequenced before as `seq`. */
  | { duplicate: true; seq: number };

/**
 * Turns commands into journal records: consecutive sequence numbers, a time
 * stamp, and at most one record per client reference. One instance is the single
 * writer of a journal.
 */
export interface Sequencer {
  /** The last sequence number handed out. */
  readonly lastSeq: number;
  next(command: ExchangeCommand): Sequenced;
  /** Learns a record already in the journal (at start-up), so retries of it are recognised. Must not keep the record object: replay reuses it. */
  remember(record: JournalRecord): void;
}

export interface DedupSequencerOptions {
  /** The journal's last sequence number; numbering continues after it. */
  lastSeq: number;
  clock?: Clock;
  /** How many of the most recent commands' references are remembered; `Infinity` remembers every one. */
  window?: number;
}

/**
 * Numbers commands after the journal's end and drops a command whose
 * (userId, ref) is among the last `window` commands. Time stamps never go
 * backwards, even if the wall clock does, so the journal's times are monotonic.
 */
export class DedupSequencer implements Sequencer {
  private seq: number;
  private lastTime = 0;
  private readonly clock: Clock;
  private readonly window: number;
  private readonly seen = new Map<string, number>();
  /** Keys in sequence order, as a ring of `window` slots: the oldest is evicted first. */
  private readonly ring: (string | undefined)[];
  private readonly ringSeqs: Float64Array;
  private ringNext = 0;

  constructor(options: DedupSequencerOptions) {
    this.seq = options.lastSeq;
    this.clock = options.clock ?? systemClock;
    this.window = options.window ?? 100_000;
    const unbounded = this.window === Infinity;
    if (!unbounded && (!Number.isSafeInteger(this.window) || this.window < 1)) throw new RangeError('window must be a positive integer or Infinity');
    this.ring = unbounded ? [] : new Array<string | undefined>(this.window).fill(undefined);
    this.ringSeqs = new Float64Array(unbounded ? 0 : this.window);
  }

  get lastSeq(): number {
    return this.seq;
  }

  remember(record: JournalRecord): void {
    if (record.time > this.lastTime) this.lastTime = record.time;
    this.track(dedupKey(record.command), record.seq);
  }

  next(command: ExchangeCommand): Sequenced {
    const key = dedupKey(command);
    if (key !== undefined) {
      const seq = this.seen.get(key);
      if (seq !== undefined) return { duplicate: true, seq };
    }
    const now = this.clock.nowMs();
    if (now > this.lastTime) this.lastTime = now;
    const record: JournalRecord = { seq: ++this.seq, time: this.lastTime, command };
    this.track(key, record.seq);
    return { duplicate: false, record };
  }

  private track(key: string | undefined, seq: number): void {
    if (this.ring.length === 0) {
      // Unbounded: every reference is kept, so a retry is recognised however late it comes.
      if (key !== undefined) this.seen.set(key, seq);
      return;
    }
    const slot = this.ringNext;
    const evicted = this.ring[slot];
    // Only forget the key if it still maps to the command leaving the window.
    if (evicted !== undefined && this.seen.get(evicted) === this.ringSeqs[slot]) this.seen.delete(evicted);
    this.ring[slot] = key;
    this.ringSeqs[slot] = seq;
    this.ringNext = (slot + 1) % this.window;
    if (key !== undefined) this.seen.set(key, seq);
  }
}

/** References are per user: two users may use the same client order id. */
export function dedupKey(command: ExchangeCommand): string | undefined {
  if (command.ref === undefined) return undefined;
  return 'userId' in command ? `${command.userId}\u0000${command.ref}` : `\u0000${command.ref}`;
}
