import { AppError, systemClock, type Clock, type Resource } from '@mosaic/kit-core';
import {
  isSharedJournal,
  parseCommand,
  type CommandJournal,
  type CommandResult,
  type ExchangeCommand,
  type ExchangeEngine,
  type EngineSnapshot,
  type JournalRecord,
  type SnapshotAttachment,
  type SnapshotStore,
} from '@mosaic/exchange-domain';
import { EngineRunner } from './engine-runner';
import { recoverEngine, type Recovered } from './recover-engine';
import { DedupSequencer, type Sequencer } from './sequencer';

export interface ExchangeServiceOptions {
  journal: CommandJournal;
  snapshots?: SnapshotStore;
  clock?: Clock;
  /** Save a snapshot after this many commands since the last one; 0 turns periodic snapshots off. */
  snapshotEvery?: number;
  /** Also save one when this long has passed since the last (checked as commands are applied, so an idle exchange takes none); 0: by count only. */
  snapshotEveryMs?: number;
  /** State to save with each snapshot, taken at the same sequence (the host's projections). */
  attachment?: () => SnapshotAttachment | undefined;
  /** How many recent commands' client references are remembered for deduplication. */
  dedupWindow?: number;
  /**
   * Replaces the default sequencer (e.g. one fenced by an epoch for a
   * distributed journal). It must continue after `journal.lastSeq`; start-up
   * shows it the last `dedupWindow` journal records.
   */
  sequencer?: Sequencer;
  /** How many recent results are kept to answer a duplicate with the original outcome. */
  resultCache?: number;
  /** Sees the result of every journal record replayed at start-up, before `open` resolves (projections rebuild from them). */
  onRecovered?: (result: CommandResult) => void;
  /** Background failures that do not stop the service (a snapshot that could not be saved). */
  onError?: (error: unknown) => void;
  /**
   * Opens as a hot standby on a shared journal: it applies what the leader
   * journals and refuses commands until `promote` makes it the sequencer.
   */
  standby?: boolean;
}

export type Submission =
  | { seq: number; duplicate: false; result: CommandResult }
  /** A retry of command `seq`; its result when still known. Nothing was journaled again. */
  | { seq: number; duplicate: true; result: CommandResult | undefined };

/** What readers may ask the engine; writes go through `submit` only. */
export type ExchangeQueries = Pick<
  ExchangeEngine,
  'lastSeq' | 'products' | 'product' | 'currencies' | 'users' | 'balances' | 'balance' | 'order' | 'openOrders' | 'depth' | 'stateHash'
>;

export type ResultListener = (result: CommandResult) => void;

interface Pending {
  record: JournalRecord;
  durable: boolean;
  resolve: (result: CommandResult) => void;
  reject: (error: unknown) => void;
  promise: Promise<CommandResult>;
}

/**
 * The exchange's write path, LMAX style: validate, sequence, append to the
 * journal, and only once the record is durable apply it to the engine and
 * answer. Commands are applied in sequence order whatever order the journal
 * confirms them in. If the journal fails, the service stops (fail-stop): what is
 * durable is decided by recovery on the next start, never guessed.
 */
export class ExchangeService implements Resource {
  readonly name = 'exchange-engine';
  private status: 'standby' | 'open' | 'closing' | 'closed' | 'failed';
  private failure: unknown;
  private readonly queue: Pending[] = [];
  private queueHead = 0;
  private readonly inflight = new Map<number, Pending>();
  /** The last `resultCache` results, by seq modulo its size. */
  private readonly results: (CommandResult | undefined)[];
  private readonly listeners = new Set<ResultListener>();
  private lastSnapshotSeq: number;
  private lastSnapshotAt: number;
  private saving: Promise<void> | undefined;
  /** The standby's catch-up with the journal, one at a time. */
  private following: Promise<unknown> = Promise.resolve();
  private unfollow: () => void = () => undefined;

  private constructor(
    private readonly runner: EngineRunner,
    private sequencer: Sequencer,
    private readonly journal: CommandJournal,
    private readonly snapshots: SnapshotStore | undefined,
    private readonly snapshotEvery: number,
    private readonly snapshotEveryMs: number,
    private readonly attachment: (() => SnapshotAttachment | undefined) | undefined,
    private readonly clock: Clock,
    resultCache: number,
    private readonly onError: (error: unknown) => void,
    /** How start-up went: the snapshot it began from and how many journal records it replayed. */
    readonly recovery: Pick<Recovered, 'snapshotSeq' | 'replayed'>,
    private readonly dedupWindow: number,
    standby: boolean,
  ) {
    this.status = standby ? 'standby' : 'open';
    this.lastSnapshotSeq = recovery.snapshotSeq;
    this.lastSnapshotAt = clock.nowMs();
    this.results = new Array<CommandResult | undefined>(Math.max(1, resultCache)).fill(undefined);
  }

  /** Recovers the engine (latest snapshot + journal tail) and opens for commands. */
  static async open(options: ExchangeServiceOptions): Promise<ExchangeService> {
    const dedupWindow = options.dedupWindow ?? 100_000;
    const clock = options.clock ?? systemClock;
    const sequencer = options.sequencer ?? new DedupSequencer({ lastSeq: options.journal.lastSeq, clock, window: dedupWindow });
    if (sequencer.lastSeq !== options.journal.lastSeq) {
      throw new Error(`the sequencer continues after ${sequencer.lastSeq}, but the journal ends at ${options.journal.lastSeq}`);
    }
    const standby = options.standby === true;
    if (standby && !isSharedJournal(options.journal)) throw new Error('a standby needs a shared journal to follow');
    const recovered = await recoverEngine({
      journal: options.journal,
      snapshots: options.snapshots,
      remember: (record) => sequencer.remember(record),
      rememberLast: dedupWindow,
      onResult: options.onRecovered,
    });
    const service = new ExchangeService(
      new EngineRunner(recovered.engine, options.journal),
      sequencer,
      options.journal,
      options.snapshots,
      options.snapshotEvery ?? 100_000,
      options.snapshotEveryMs ?? 0,
      options.attachment,
      clock,
      options.resultCache ?? 10_000,
      options.onError ?? (() => undefined),
      { snapshotSeq: recovered.snapshotSeq, replayed: recovered.replayed },
      dedupWindow,
      standby,
    );
    if (standby && isSharedJournal(options.journal)) {
      service.unfollow = options.journal.follow(() => service.follow());
      service.follow();
    }
    return service;
  }

  /** Whether this instance is a standby that has not been promoted. */
  get isStandby(): boolean {
    return this.status === 'standby';
  }

  /**
   * Makes the standby the sequencer: takes the journal's writer role (which fences
   * the old leader), applies the journal to its end, and rebuilds the client
   * reference deduplication from the journal before accepting commands.
   */
  async promote(): Promise<void> {
    if (this.status !== 'standby' || !isSharedJournal(this.journal)) throw new Error(`only a standby can be promoted (this one is ${this.status})`);
    const journal = this.journal;
    await journal.becomeWriter();
    this.unfollow();
    await this.following;
    await this.runner.catchUp(undefined, (result) => this.publish(result));
    if (this.runner.lastSeq !== journal.lastSeq) throw new Error(`the standby reached ${this.runner.lastSeq} but the journal ends at ${journal.lastSeq}`);
    const sequencer = new DedupSequencer({ lastSeq: journal.lastSeq, clock: this.clock, window: this.dedupWindow });
    for await (const batch of journal.read(Math.max(1, journal.lastSeq - this.dedupWindow + 1))) {
      for (const record of batch) sequencer.remember(record);
    }
    this.sequencer = sequencer;
    if (this.status === 'standby') this.status = 'open';
  }

  /** Stops sequencing for good, e.g. when the leader lease is lost: the journal's fencing stops the writes, this stops the answers. */
  abdicate(reason: string): void {
    this.fail(new Error(`this instance is no longer the leader: ${reason}`));
  }

  /** Read-only access to the engine state, consistent between commands. */
  get queries(): ExchangeQueries {
    return this.runner.engine;
  }

  /**
   * Sequences a command and resolves with its result once it is durable and
   * applied. Throws an `invalid` AppError for a malformed command (nothing is
   * journaled) and an `unavailable` one when the service is not accepting.
   */
  async submit(input: ExchangeCommand | unknown): Promise<Submission> {
    this.assertOpen();
    const command = parseCommand(input);
    const sequenced = this.sequencer.next(command);
    if (sequenced.duplicate) {
      const pending = this.inflight.get(sequenced.seq);
      const result = pending === undefined ? this.recall(sequenced.seq) : await pending.promise;
      return { seq: sequenced.seq, duplicate: true, result };
    }
    const pending = this.enqueue(sequenced.record);
    this.journal.append(sequenced.record).then(
      () => {
        pending.durable = true;
        this.drain();
      },
      (error: unknown) => this.fail(error),
    );
    const result = await pending.promise;
    return { seq: result.seq, duplicate: false, result };
  }

  /** Every result in sequence order, as commands are applied; returns an unsubscribe function. */
  subscribe(listener: ResultListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Saves a snapshot of the current state now; resolves with its sequence number. */
  async snapshotNow(): Promise<number> {
    if (this.snapshots === undefined) throw new Error('no snapshot store configured');
    await this.saving;
    const snapshot = this.capture();
    await this.snapshots.save(snapshot);
    this.lastSnapshotSeq = Math.max(this.lastSnapshotSeq, snapshot.seq);
    return snapshot.seq;
  }

  async check(): Promise<void> {
    if (this.status === 'failed') throw this.unavailable('the exchange journal failed; restart to recover', this.failure);
    // A standby is ready: it serves reads, and answers commands with a retryable 503.
    if (this.status !== 'open' && this.status !== 'standby') throw this.unavailable('the exchange is shutting down');
  }

  /** Stops accepting commands and waits for those in flight and any snapshot being saved. The journal stays open: its owner closes it. */
  async close(): Promise<void> {
    this.unfollow();
    if (this.status === 'open' || this.status === 'standby') this.status = 'closing';
    await Promise.allSettled([...this.inflight.values()].map((pending) => pending.promise));
    await this.saving;
    if (this.status === 'closing') this.status = 'closed';
  }

  private enqueue(record: JournalRecord): Pending {
    let resolve!: (result: CommandResult) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<CommandResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const pending: Pending = { record, durable: false, resolve, reject, promise };
    this.queue.push(pending);
    this.inflight.set(record.seq, pending);
    return pending;
  }

  /** Applies durable records from the head of the queue, in sequence order. */
  private drain(): void {
    const queue = this.queue;
    while (this.queueHead < queue.length && queue[this.queueHead].durable && this.status !== 'failed') {
      const pending = queue[this.queueHead];
      queue[this.queueHead++] = undefined as unknown as Pending;
      let result: CommandResult | undefined;
      try {
        result = this.runner.apply(pending.record);
      } catch (error) {
        // The engine can no longer be trusted to match the journal: stop here.
        this.fail(error);
        return;
      }
      if (result === undefined) {
        this.fail(new Error(`command ${pending.record.seq} was already applied`));
        return;
      }
      this.inflight.delete(pending.record.seq);
      pending.resolve(result);
      this.publish(result);
    }
    if (this.queueHead > 1024 && this.queueHead * 2 > queue.length) {
      queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
    this.maybeSnapshot();
  }

  /** Applies what the leader journaled since the last record applied (a standby's whole write path). */
  private follow(): void {
    this.following = this.following
      .then(() => (this.status === 'standby' ? this.runner.catchUp(undefined, (result) => this.publish(result)) : 0))
      .catch((error: unknown) => this.fail(error));
  }

  private publish(result: CommandResult): void {
    this.remember(result);
    for (const listener of this.listeners) {
      try {
        listener(result);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  private remember(result: CommandResult): void {
    this.results[result.seq % this.results.length] = result;
  }

  private recall(seq: number): CommandResult | undefined {
    const result = this.results[seq % this.results.length];
    return result?.seq === seq ? result : undefined;
  }

  private maybeSnapshot(): void {
    if (this.snapshots === undefined || (this.snapshotEvery <= 0 && this.snapshotEveryMs <= 0) || this.saving !== undefined) return;
    const since = this.runner.engine.lastSeq - this.lastSnapshotSeq;
    const now = this.clock.nowMs();
    const due =
      (this.snapshotEvery > 0 && since >= this.snapshotEvery) || (this.snapshotEveryMs > 0 && since > 0 && now - this.lastSnapshotAt >= this.snapshotEveryMs);
    if (!due) return;
    this.lastSnapshotSeq = this.runner.engine.lastSeq;
    this.lastSnapshotAt = now;
    let snapshot: EngineSnapshot;
    try {
      snapshot = this.capture();
    } catch (error) {
      this.onError(error);
      return;
    }
    this.saving = this.snapshots
      .save(snapshot)
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.saving = undefined;
      });
  }

  /** The engine's state and the host's attachment, both as of the last applied command. */
  private capture(): EngineSnapshot {
    const snapshot = this.runner.engine.snapshot();
    const attachment = this.attachment?.();
    if (attachment !== undefined) snapshot.attachment = attachment;
    return snapshot;
  }

  private fail(error: unknown): void {
    if (this.status === 'failed') return;
    this.status = 'failed';
    this.failure = error;
    const reason = this.unavailable('the exchange journal failed; the command may not be durable', error);
    for (let i = this.queueHead; i < this.queue.length; i++) this.queue[i].reject(reason);
    this.queue.length = 0;
    this.queueHead = 0;
    this.inflight.clear();
    this.onError(error);
  }

  private assertOpen(): void {
    if (this.status === 'standby') throw this.unavailable('this instance is a standby: the leader sequences commands');
    if (this.status === 'failed') throw this.unavailable('the exchange journal failed; restart to recover', this.failure);
    if (this.status !== 'open') throw this.unavailable('the exchange is shutting down');
  }

  private unavailable(message: string, cause?: unknown): AppError {
    return new AppError('unavailable', 'exchange_unavailable', message, { cause, retryAfterSeconds: 1 });
  }
}
