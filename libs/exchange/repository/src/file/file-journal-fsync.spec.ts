import { constants } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAll, record, records } from '../test-support/records';
import { FileCommandJournal, type FsyncPolicy } from './file-command-journal';
import type { OpenFile } from './segment-file';

describe('FileCommandJournal when fsync fails', () => {
  let dir: string;
  let failing: boolean;
  const eio = (call: string) => Promise.reject(Object.assign(new Error(`EIO: i/o error, ${call}`), { code: 'EIO' }));
  /**
   * Real files whose syncing fails with EIO while `failing` is set: fdatasync, and a
   * write through O_DSYNC (which syncs as it writes, so the kernel reports the failure there).
   */
  const openFile: OpenFile = async (path, flags) => {
    const handle = await open(path, flags);
    const datasync = handle.datasync.bind(handle);
    handle.datasync = () => (failing ? eio('fdatasync') : datasync());
    if (typeof flags === 'number' && (flags & constants.O_DSYNC) !== 0) {
      const write = handle.write.bind(handle) as (...args: unknown[]) => Promise<unknown>;
      handle.write = ((...args: unknown[]) => (failing ? eio('write') : write(...args))) as typeof handle.write;
    }
    return handle;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exchange-journal-fsync-'));
    failing = false;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each<[string, FsyncPolicy]>([
    ['interval', { mode: 'interval', intervalMs: 20 }],
    ['always', { mode: 'always' }],
  ])('with fsync %s, rejects every append the failed fsync covered, then fails for good', async (_mode, fsync) => {
    const journal = await FileCommandJournal.open({ dir, fsync, openFile });
    await Promise.all(records(1, 5).map((r) => journal.append(r)));
    expect(journal.healthy).toBe(true);

    failing = true;
    const covered = records(6, 50).map((r) => journal.append(r));
    const outcomes = await Promise.allSettled(covered);
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/acknowledges nothing more: EIO/);

    // Failed means failed: nothing more is acknowledged, even once the disk recovers, and /ready can say so.
    failing = false;
    expect(journal.healthy).toBe(false);
    await expect(journal.check()).rejects.toThrow(/has failed and acknowledges nothing more/);
    await expect(journal.append(record(51))).rejects.toThrow(/has failed and acknowledges nothing more/);
    expect(journal.lastSeq).toBe(5);
    await journal.close();

    // Reopened, every acknowledged record is there.
    const reopened = await FileCommandJournal.open({ dir });
    expect((await readAll(reopened, 1, 5)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    await reopened.close();
  });
});
