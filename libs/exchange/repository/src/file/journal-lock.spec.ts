import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readAll, record, records } from '../test-support/records';
import { FileCommandJournal } from './file-command-journal';

const ROOT = resolve(import.meta.dirname, '../../../../..');
const CONTENDER = resolve(import.meta.dirname, '../test-support/fixtures/lock-contender.ts');
const HOLDER = resolve(import.meta.dirname, '../test-support/fixtures/lock-holder.ts');

/** Leaves a lock directory as a writer that died would: an owner nobody runs, renewed long ago (or just now). */
async function leaveLock(dir: string, owner: string, ageMs: number): Promise<void> {
  const path = join(dir, 'writer.lock');
  await mkdir(path, { recursive: true });
  await writeFile(join(path, 'owner'), owner);
  const then = new Date(Date.now() - ageMs);
  await utimes(path, then, then);
}

interface Contender {
  child: ChildProcessWithoutNullStreams;
  outcome: Promise<string>;
  exited: Promise<number | null>;
}

function contend(dir: string, startAt: number): Contender {
  const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER, dir, String(startAt)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const outcome = new Promise<string>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) done(output.trim());
    });
    void exited.then((code) => fail(new Error(`contender exited (${code}) before answering: ${errors}`)));
  });
  return { child, outcome, exited };
}

/** A writer process that answers one line per request on its standard output. */
class Holder {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiting: (() => void) | undefined;
  private errors = '';
  readonly exited: Promise<number | null>;

  constructor(dir: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let buffered = '';
    this.child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      this.lines.push(...parts);
      this.waiting?.();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.errors += chunk.toString();
    });
    this.exited = new Promise((done) => this.child.on('exit', (code) => done(code)));
    void this.exited.then(() => this.waiting?.());
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  async next(): Promise<string> {
    while (this.lines.length === 0) {
      if (this.child.exitCode !== null) throw new Error(`holder exited (${this.child.exitCode}): ${this.errors}`);
      await new Promise<void>((done) => (this.waiting = done));
    }
    return this.lines.shift() ?? '';
  }

  async ask(line: string): Promise<string> {
    this.child.stdin.write(`${line}\n`);
    return this.next();
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

describe('the journal writer lock', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exchange-journal-lock-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lets only one journal in a process open a directory, and the next once it is closed', async () => {
    const first = await FileCommandJournal.open({ dir });
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(/already open in this process/);
    await first.append(record(1));
    await first.close();
    const second = await FileCommandJournal.open({ dir });
    expect(second.lastSeq).toBe(1);
    await second.close();
  });

  it('refuses a lock another writer renews, and takes over one left stale by a dead writer', async () => {
    await leaveLock(dir, 'live-writer', 0);
    await expect(FileCommandJournal.open({ dir, lock: { staleMs: 2_000, waitMs: 0 } })).rejects.toThrow(/is locked by another writer/);
    await leaveLock(dir, 'dead-writer', 60_000);
    const journal = await FileCommandJournal.open({ dir, lock: { staleMs: 2_000 } });
    await journal.append(record(1));
    await journal.close();
  });

  it('lets exactly one of two processes racing for a stale lock win, and keeps the winner’s lock', { timeout: 150_000 }, async () => {
    for (let round = 0; round < 3; round++) {
      await leaveLock(dir, 'dead-writer', 60_000);
      // Both start at the same instant, once both processes are up.
      const startAt = Date.now() + 2_500;
      const contenders = [contend(dir, startAt), contend(dir, startAt)];
      const outcomes = await Promise.all(contenders.map((c) => c.outcome));
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
      expect(outcomes.find((o) => o !== 'won')).toMatch(/^lost .*locked by another writer/);
      // The winner's lock stands: nobody else gets in while it runs.
      const owner = await readFile(join(dir, 'writer.lock', 'owner'), 'utf8');
      expect(owner).not.toBe('dead-writer');
      await expect(FileCommandJournal.open({ dir, lock: { staleMs: 2_000, waitMs: 0 } })).rejects.toThrow(/is locked by another writer/);
      for (const c of contenders) c.child.stdin.end();
      expect(await Promise.all(contenders.map((c) => c.exited))).toEqual([0, 0]);
    }
  });

  it('stops a writer whose lock was taken over, and its close leaves the new holder’s lock alone', { timeout: 30_000 }, async () => {
    const journal = await FileCommandJournal.open({ dir, lock: { staleMs: 2_000, updateMs: 1_000 } });
    await Promise.all(records(1, 3).map((r) => journal.append(r)));

    // Another writer takes the directory over (as it would after this one stalled past its lease).
    await rm(join(dir, 'writer.lock'), { recursive: true });
    await leaveLock(dir, 'new-writer', 0);

    await vi.waitFor(() => expect(journal.healthy).toBe(false), { timeout: 10_000, interval: 100 });
    await expect(journal.append(record(4))).rejects.toThrow(/lost its writer lock/);
    await expect(journal.check()).rejects.toThrow(/lost its writer lock/);
    expect(journal.lastSeq).toBe(3);
    await journal.close();
    expect(await readFile(join(dir, 'writer.lock', 'owner'), 'utf8')).toBe('new-writer');

    // What it acknowledged is all there for the next writer.
    await rm(join(dir, 'writer.lock'), { recursive: true });
    const next = await FileCommandJournal.open({ dir });
    expect((await readAll(next)).map((r) => r.seq)).toEqual([1, 2, 3]);
    await next.close();
  });

  it(
    'takes the lock from a writer paused past its lease; resumed, that writer cannot append and leaves the new owner’s lock',
    { timeout: 120_000 },
    async () => {
      const paused = new Holder(dir);
      try {
        expect(await paused.next()).toBe('open');
        expect(await paused.ask('append 1')).toBe('appended 1');

        // The holder stops (a GC pause, a frozen VM, SIGSTOP): its lease is no longer renewed.
        process.kill(paused.pid, 'SIGSTOP');
        // The contender waits for the lease to lapse, then takes the directory over.
        const owner = await FileCommandJournal.open({ dir, lock: { staleMs: 2_000, updateMs: 1_000 } });
        const token = await readFile(join(dir, 'writer.lock', 'owner'), 'utf8');
        expect(owner.lastSeq).toBe(1);

        process.kill(paused.pid, 'SIGCONT');
        expect(await paused.ask('append 2')).toMatch(/^refused .*lost its writer lock/);
        expect(await paused.ask('close')).toBe('closed');
        expect(await paused.exited).toBe(0);

        // The new owner's lock is untouched and still keeps everyone else out; its appends go on.
        expect(await readFile(join(dir, 'writer.lock', 'owner'), 'utf8')).toBe(token);
        const third = contend(dir, 0);
        expect(await third.outcome).toMatch(/^lost .*locked by another writer/);
        expect(await third.exited).toBe(0);
        expect(owner.healthy).toBe(true);
        const second = record(2);
        await owner.append(second);
        expect(await readAll(owner)).toEqual([record(1), second]);
        await owner.close();
      } finally {
        paused.kill();
      }
    },
  );
});
