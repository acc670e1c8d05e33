import { constants } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Resource } from '@mosaic/kit-core';
import type { CommandJournal, JournalRecord } from '@mosaic/exchange-domain';
import { encodeFrame } from './journal-frame';
import { JournalLock, type JournalLockOptions } from './journal-lock';
import { writeManifest } from './journal-manifest';
import { recoverJournal, type JournalRecovery } from './journal-recovery';
import { SegmentDecoder } from './segment-decoder';
import { createSegment, SEGMENT_HEADER, syncDirectory, type OpenFile, type Segment } from './segment-file';

export type { JournalRecovery } from './journal-recovery';
export type { JournalLockOptions } from './journal-lock';
export type { OpenFile } from './segment-file';

/**
 * When an append counts as durable, and so when it is acknowledged:
 * - `always`: once the write of the batch holding it is on disk (the default; survives
 *   power loss). The segment is open with O_DSYNC, so write(2) returns only when the
 *   data is as durable as after fdatasync: one system call and one thread-pool round
 *   trip per batch instead of two (under CPU contention each round trip costs a wake-up);
 * - `interval`: batches are written at once and fdatasync runs at most every
 *   `intervalMs`, acknowledging every batch it covers (more batching, more latency);
 * - `never`: after write(2) only: survives a process crash, not an OS crash.
 */
export type FsyncPolicy = { mode: 'always' } | { mode: 'interval'; intervalMs: number } | { mode: 'never' };

export interface FileJournalOptions {
  dir: string;
  fsync?: FsyncPolicy;
  /** A segment file is closed and a new one started once it reaches this size. */
  segmentBytes?: number;
  /** Appends beyond this many bytes go to the next write. */
  maxBatchBytes?: number;
  /** The writer lock's lease; by default a lock left by a dead writer is taken over once stale (after ~10 s). */
  lock?: JournalLockOptions;
  /** Opens the files records are written to: the seam through which tests make a write or an fsync fail. */
  openFile?: OpenFile;
}

/** Counters since open: how well appends are being grouped. */
export interface JournalStats {
  appends: number;
  writes: number;
  /** Points at which written data became durable: fdatasync calls, or writes through O_DSYNC. */
  syncs: number;
  bytes: number;
}

interface Batch {
  frames: Buffer[];
  bytes: number;
  lastSeq: number;
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

const READ_CHUNK = 4 * 1024 * 1024;
const READ_BATCH = 4096;

/**
 * The embedded journal: append-only segment files of length-prefixed,
 * checksummed records. Appends are grouped: while one write (and fsync) is in
 * flight the next batch fills up, and every append in a batch is acknowledged
 * together once the batch is durable under the fsync policy. On open, the
 * segment chain and manifest are checked and a torn tail (a partial or damaged
 * last record left by a crash mid-write) is moved aside; a record that never
 * became durable was never acknowledged, so nothing acknowledged is lost. Any
 * failure to write or sync fails the journal for good: it rejects what is
 * pending and everything after, and `check()` / `healthy` report it.
 */
export class FileCommandJournal implements CommandJournal, Resource {
  readonly name = 'exchange-journal';
  readonly stats: JournalStats = { appends: 0, writes: 0, syncs: 0, bytes: 0 };
  private durable: number;
  private appended: number;
  private current: Batch | undefined;
  private readonly sealed: Batch[] = [];
  private unsynced: Batch[] = [];
  private pumping = false;
  private pumpRun: Promise<void> | undefined;
  /** The batch taken off the queue and being written. */
  private writing: Batch | undefined;
  private scheduled = false;
  private syncTimer: NodeJS.Timeout | undefined;
  private syncChain: Promise<void> = Promise.resolve();
  private lastSyncAt = 0;
  private failure: Error | undefined;
  private closed = false;
  private readonly policy: FsyncPolicy;
  private readonly segmentBytes: number;
  private readonly maxBatchBytes: number;
  private readonly openFile: OpenFile;
  /** The first segment still kept, as the manifest records it (ahead of the files while a discard deletes them). */
  private firstKept: number;
  private manifestChain: Promise<void> = Promise.resolve();
  /** The segment whose frames the open checked, checksums included, and where those frames end. */
  private verified = { path: '', end: 0 };

  private constructor(
    private readonly dir: string,
    private handle: FileHandle,
    private segmentSize: number,
    private readonly segments: Segment[],
    private readonly lock: JournalLock,
    readonly recovery: JournalRecovery,
    options: FileJournalOptions,
  ) {
    this.openFile = options.openFile ?? open;
    this.firstKept = segments[0].firstSeq;
    this.durable = recovery.lastSeq;
    this.appended = recovery.lastSeq;
    this.policy = options.fsync ?? { mode: 'always' };
    this.segmentBytes = options.segmentBytes ?? 64 * 1024 * 1024;
    this.maxBatchBytes = options.maxBatchBytes ?? 4 * 1024 * 1024;
  }

  /** Opens (or creates) the journal in `dir`, recovering from a crash if there was one; throws, naming the file, on anything else. */
  static async open(options: FileJournalOptions): Promise<FileCommandJournal> {
    if (options.fsync?.mode === 'interval' && !(options.fsync.intervalMs > 0)) throw new RangeError('intervalMs must be positive');
    const dir = resolve(options.dir);
    const openFile = options.openFile ?? open;
    await mkdir(dir, { recursive: true });
    let journal: FileCommandJournal | undefined;
    let lost: Error | undefined;
    const lock = await JournalLock.acquire(dir, options.lock ?? {}, (error) => {
      if (journal === undefined) lost = error;
      else journal.fail(error);
    });
    try {
      const { segments, lastSegmentBytes, recovery } = await recoverJournal(dir, openFile);
      const handle = await openFile(segments[segments.length - 1].path, appendFlags(options.fsync));
      // A cut-off tail must be durable before anything is appended after it.
      if (recovery.truncatedBytes > 0) await handle.datasync();
      journal = new FileCommandJournal(dir, handle, lastSegmentBytes, segments, lock, recovery, options);
      journal.verified = { path: segments[segments.length - 1].path, end: lastSegmentBytes };
      if (lost !== undefined) journal.fail(lost);
      return journal;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** False once the journal has failed (a write, an fsync or the writer lock): it acknowledges nothing more. */
  get healthy(): boolean {
    return this.failure === undefined && !this.closed;
  }

  get lastSeq(): number {
    return this.durable;
  }

  append(record: JournalRecord): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('the journal is closed'));
    if (record.seq !== this.appended + 1) {
      return Promise.reject(new Error(`journal append out of sequence: expected ${this.appended + 1}, got ${record.seq}`));
    }
    let frame: Buffer;
    try {
      frame = encodeFrame(record);
    } catch (error) {
      return Promise.reject(error);
    }
    this.appended = record.seq;
    this.stats.appends += 1;
    let batch = this.current;
    if (batch === undefined || batch.bytes >= this.maxBatchBytes) {
      if (batch !== undefined) this.sealed.push(batch);
      batch = this.current = newBatch();
    }
    batch.frames.push(frame);
    batch.bytes += frame.length;
    batch.lastSeq = record.seq;
    if (!this.scheduled && !this.pumping) {
      // Let the rest of this turn of the event loop join the batch.
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.pump();
      });
    }
    return batch.promise;
  }

  async *read(fromSeq: number, toSeq?: number): AsyncIterable<readonly JournalRecord[]> {
    for await (const { decoder, data, base } of this.chunks(fromSeq, toSeq)) {
      for (;;) {
        const batch: JournalRecord[] = [];
        const stop = decoder.decode(data, base, READ_BATCH, batch);
        if (batch.length > 0) yield batch;
        if (stop === 'done') return;
        if (stop === 'partial') break;
      }
    }
  }

  /**
   * Replay's reader: hands every durable record with `fromSeq ≤ seq ≤ toSeq` to
   * `visit`, in order, as one transient object per command type that the next
   * record overwrites, so decoding allocates nothing per record. `visit` must not
   * keep the record or its command. Resolves with the number of records visited.
   */
  async scan(fromSeq: number, toSeq: number | undefined, visit: (record: JournalRecord) => void): Promise<number> {
    let visited = 0;
    const counted = (record: JournalRecord) => {
      visited += 1;
      visit(record);
    };
    for await (const { decoder, data, base } of this.chunks(fromSeq, toSeq)) {
      if (decoder.visit(data, base, counted) === 'done') break;
    }
    return visited;
  }

  /**
   * The bytes of the segments holding `fromSeq..toSeq`, in chunks read into one
   * reused buffer, each with the decoder of its segment. The consumer decodes
   * from `decoder.offset` and leaves it after the last whole frame it took; the
   * rest is carried to the front of the next chunk.
   */
  private async *chunks(fromSeq: number, toSeq?: number): AsyncIterable<{ decoder: SegmentDecoder; data: Buffer; base: number }> {
    const bound = Math.min(toSeq ?? Number.MAX_SAFE_INTEGER, this.durable);
    if (fromSeq > bound) return;
    const segments = [...this.segments];
    let index = segments.length - 1;
    while (index > 0 && segments[index].firstSeq > fromSeq) index -= 1;
    if (segments[index].firstSeq > fromSeq) throw new Error(`journal starts at ${segments[index].firstSeq}; record ${fromSeq} is no longer kept`);
    let expected = segments[index].firstSeq;
    let buffer = Buffer.allocUnsafe(READ_CHUNK);
    for (; index < segments.length && expected <= bound; index++) {
      const segment = segments[index];
      if (segment.firstSeq !== expected) throw new Error(`journal segment ${segment.path} starts at ${segment.firstSeq}, expected ${expected}`);
      const handle = await open(segment.path, 'r');
      const decoder = new SegmentDecoder(segment.path, expected, fromSeq, bound, segment.path === this.verified.path ? this.verified.end : 0);
      try {
        let position = SEGMENT_HEADER;
        let carried = 0;
        for (;;) {
          // A frame larger than the buffer (up to MAX_PAYLOAD) grows it.
          if (carried === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
          const { bytesRead } = await handle.read(buffer, carried, buffer.length - carried, position);
          if (bytesRead === 0) break;
          // File offset of data[0], for error messages.
          const base = position - carried;
          position += bytesRead;
          const data = buffer.subarray(0, carried + bytesRead);
          decoder.offset = 0;
          yield { decoder, data, base };
          if (decoder.expected > bound) return;
          carried = data.length - decoder.offset;
          buffer.copyWithin(0, decoder.offset, data.length);
        }
      } finally {
        expected = decoder.expected;
        await handle.close();
      }
    }
    if (expected <= bound) throw new Error(`journal ended at record ${expected - 1}, before ${bound}`);
  }

  /**
   * Deletes whole segment files holding only records before `seq`, once a
   * snapshot makes them unnecessary for recovery. History is kept by default:
   * only an operator decides that a full replay from record 1 is no longer needed.
   * Returns the first sequence number still kept.
   */
  async discardBefore(seq: number): Promise<number> {
    let keep = 0;
    while (keep < this.segments.length - 1 && this.segments[keep + 1].firstSeq <= seq) keep += 1;
    if (keep === 0) return this.segments[0].firstSeq;
    // The manifest moves first: a crash part-way leaves old files that the next open finishes discarding, never a gap.
    this.firstKept = this.segments[keep].firstSeq;
    await this.updateManifest();
    for (const oldest of this.segments.splice(0, keep)) await rm(oldest.path, { force: true });
    await syncDirectory(this.dir);
    return this.segments[0].firstSeq;
  }

  async check(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.closed) throw new Error('the journal is closed');
  }

  /** Waits for every append to settle, then releases the directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.failure === undefined && (this.scheduled || this.pumping || this.current !== undefined || this.sealed.length > 0)) {
      await (this.pumping && this.pumpRun !== undefined ? this.pumpRun : new Promise<void>((done) => setImmediate(done)));
    }
    await this.pumpRun;
    if (this.syncTimer !== undefined) clearTimeout(this.syncTimer);
    if (this.failure === undefined && this.unsynced.length > 0) await this.syncNow().catch(() => undefined);
    await this.syncChain;
    await this.handle.close();
    await this.lock.release();
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    this.pumpRun = this.drainBatches();
  }

  private async drainBatches(): Promise<void> {
    try {
      for (;;) {
        let batch = this.sealed.shift();
        if (batch === undefined) {
          batch = this.current;
          this.current = undefined;
        }
        if (batch === undefined) break;
        this.writing = batch;
        await this.write(batch);
        this.writing = undefined;
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.pumping = false;
    }
  }

  private async write(batch: Batch): Promise<void> {
    // A writer that lost its lock (taken over after a pause, say) must not add a byte.
    await this.lock.verify();
    const data = batch.frames.length === 1 ? batch.frames[0] : Buffer.concat(batch.frames, batch.bytes);
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
    this.segmentSize += data.length;
    // Failed while this write was in flight: the batch is already rejected and must not be acknowledged by a later sync.
    if (this.failure !== undefined) throw this.failure;
    this.stats.writes += 1;
    this.stats.bytes += data.length;
    if (this.policy.mode === 'always') {
      // Written through O_DSYNC, it is durable now (see FsyncPolicy); without the flag, sync it.
      if (!writesThrough(this.policy)) await this.handle.datasync();
      this.stats.syncs += 1;
      this.settle(batch);
    } else if (this.policy.mode === 'never') {
      this.settle(batch);
    } else {
      this.unsynced.push(batch);
      this.scheduleSync(this.policy.intervalMs);
    }
    if (this.segmentSize >= this.segmentBytes) await this.roll(batch.lastSeq + 1);
  }

  private settle(batch: Batch): void {
    this.durable = batch.lastSeq;
    batch.resolve();
  }

  private scheduleSync(intervalMs: number): void {
    if (this.syncTimer !== undefined || this.failure !== undefined) return;
    const delay = Math.max(0, this.lastSyncAt + intervalMs - Date.now());
    this.syncTimer = setTimeout(() => {
      this.syncTimer = undefined;
      this.syncNow().catch((error: unknown) => this.fail(error));
    }, delay);
  }

  /**
   * fdatasync, then acknowledge every batch written before it started; if it
   * fails, reject every one of them and fail the journal: after a failed fsync
   * the kernel may have dropped the dirty pages, so nothing written since the
   * last good sync can be trusted. Serialised, so a roll never closes a file mid-sync.
   */
  private syncNow(): Promise<void> {
    const run = this.syncChain.then(async () => {
      const covered = this.unsynced;
      if (covered.length === 0) return;
      this.unsynced = [];
      this.lastSyncAt = Date.now();
      try {
        await this.handle.datasync();
      } catch (error) {
        const failure = this.fail(error);
        for (const batch of covered) batch.reject(failure);
        throw failure;
      }
      this.stats.syncs += 1;
      for (const batch of covered) this.settle(batch);
    });
    this.syncChain = run.catch(() => undefined);
    return run;
  }

  /** Seals the current segment and starts the next, linked to it, then records it in the manifest. */
  private async roll(firstSeq: number): Promise<void> {
    await this.syncNow();
    await this.handle.datasync();
    await this.handle.close();
    const previous = this.segments[this.segments.length - 1];
    const segment = await createSegment(this.dir, { firstSeq, prevFirstSeq: previous.firstSeq, prevBytes: this.segmentSize }, this.openFile);
    this.segments.push(segment);
    this.handle = await this.openFile(segment.path, appendFlags(this.policy));
    this.segmentSize = SEGMENT_HEADER;
    await this.updateManifest();
  }

  /**
   * Rewrites the manifest from the journal's state as it is when the write
   * runs. Serialised: a roll and a discard both update it, and the last write
   * must describe the latest state (and they share one temporary file).
   */
  private updateManifest(): Promise<void> {
    const run = this.manifestChain.then(() =>
      writeManifest(this.dir, { format: 1, firstSegment: this.firstKept, lastSegment: this.segments[this.segments.length - 1].firstSeq }),
    );
    this.manifestChain = run.catch(() => undefined);
    return run;
  }

  /** Fails the journal for good (the first failure is the one reported) and returns that failure. */
  private fail(cause: unknown): Error {
    if (this.failure !== undefined) return this.failure;
    const reason = cause instanceof Error ? cause.message : String(cause);
    this.failure = new Error(`exchange journal ${this.dir} has failed and acknowledges nothing more: ${reason}`, { cause });
    const error = this.failure;
    const pending = [...this.unsynced, ...this.sealed];
    if (this.writing !== undefined) pending.push(this.writing);
    if (this.current !== undefined) pending.push(this.current);
    // Rejecting a batch that already settled is a no-op, so overlap does no harm.
    for (const batch of pending) batch.reject(error);
    this.writing = undefined;
    this.unsynced = [];
    this.sealed.length = 0;
    this.current = undefined;
    if (this.syncTimer !== undefined) clearTimeout(this.syncTimer);
    return error;
  }
}

/** Whether appends are written through O_DSYNC: under `always`, where the platform has the flag. */
function writesThrough(policy: FsyncPolicy | undefined): boolean {
  return (policy ?? { mode: 'always' }).mode === 'always' && constants.O_DSYNC !== undefined;
}

/**
 * Segments are opened for appending; written through (O_DSYNC) under `always`, so every
 * write is durable when it returns and a failure to make it so is that write's error (EIO).
 */
function appendFlags(policy: FsyncPolicy | undefined): number {
  const append = constants.O_WRONLY | constants.O_APPEND;
  return writesThrough(policy) ? append | constants.O_DSYNC : append;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Every append hands this promise to its caller; this keeps a failure nobody awaits from crashing the process.
  promise.catch(() => undefined);
  return { frames: [], bytes: 0, lastSeq: 0, promise, resolve, reject };
}
