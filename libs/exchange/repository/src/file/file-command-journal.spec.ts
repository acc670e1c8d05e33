import { appendFile, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCommandJournalContract } from '../test-support/command-journal-contract';
import { readAll, record, records } from '../test-support/records';
import { FileCommandJournal, type FsyncPolicy } from './file-command-journal';
import { encodeFrame } from './journal-frame';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'exchange-journal-'));
}

for (const fsync of [{ mode: 'always' }, { mode: 'interval', intervalMs: 2 }, { mode: 'never' }] satisfies FsyncPolicy[]) {
  describeCommandJournalContract(`file, fsync ${fsync.mode}`, () => {
    let dir = '';
    return {
      open: async () => {
        dir = await tempDir();
        return FileCommandJournal.open({ dir, fsync, segmentBytes: 64 * 1024 });
      },
      reopen: async (journal) => {
        await journal.close();
        return FileCommandJournal.open({ dir, fsync, segmentBytes: 64 * 1024 });
      },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  });
}

describe('FileCommandJournal', () => {
  let dir: string;
  let journal: FileCommandJournal | undefined;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await journal?.close();
    journal = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function segmentFiles(): Promise<string[]> {
    return (await readdir(dir)).filter((name) => name.endsWith('.journal')).sort();
  }

  async function writeThenClose(count: number): Promise<void> {
    const writer = await FileCommandJournal.open({ dir });
    await Promise.all(records(1, count).map((r) => writer.append(r)));
    await writer.close();
  }

  it('groups concurrent appends into few writes and acknowledges them together', async () => {
    journal = await FileCommandJournal.open({ dir });
    const acks: number[] = [];
    const all = records(1, 2_000).map((r) => journal!.append(r).then(() => acks.push(r.seq)));
    expect(journal.lastSeq).toBe(0);
    await Promise.all(all);
    expect(acks).toEqual(records(1, 2_000).map((r) => r.seq));
    expect(journal.lastSeq).toBe(2_000);
    expect(journal.stats.appends).toBe(2_000);
    expect(journal.stats.writes).toBeLessThan(10);
    expect(journal.stats.syncs).toBe(journal.stats.writes);
  });

  it('cuts off a torn last record on open and keeps every record before it', async () => {
    await writeThenClose(10);
    const [segment] = await segmentFiles();
    const torn = encodeFrame(record(11)).subarray(0, 25);
    await appendFile(join(dir, segment), torn);
    journal = await FileCommandJournal.open({ dir });
    expect(journal.recovery).toMatchObject({ lastSeq: 10, truncatedBytes: 25, truncatedBecause: 'torn record' });
    // The cut bytes are kept beside the segment, named by the offset they came from.
    const size = (await stat(join(dir, segment))).size;
    expect(journal.recovery.tornCopy).toBe(join(dir, `${segment}.torn-${size}`));
    expect(await readFile(journal.recovery.tornCopy!)).toEqual(Buffer.from(torn));
    expect(await readAll(journal)).toEqual(records(1, 10));
    await journal.append(record(11));
    await journal.close();
    journal = await FileCommandJournal.open({ dir });
    expect(journal.recovery.truncatedBytes).toBe(0);
    expect((await readAll(journal)).map((r) => r.seq)).toEqual(records(1, 11).map((r) => r.seq));
  });

  it('cuts off a last record whose checksum fails (a write torn inside the record)', async () => {
    await writeThenClose(10);
    const path = join(dir, (await segmentFiles())[0]);
    const data = await readFile(path);
    data[data.length - 3] ^= 0xff;
    await writeFile(path, data);
    journal = await FileCommandJournal.open({ dir });
    expect(journal.recovery).toMatchObject({ lastSeq: 9, truncatedBecause: 'checksum mismatch' });
    expect((await readAll(journal)).length).toBe(9);
  });

  it('refuses to open a segment holding an intact record in the wrong place', async () => {
    await writeThenClose(3);
    await appendFile(join(dir, (await segmentFiles())[0]), encodeFrame(record(7)));
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(/holds record 7 where 4 belongs/);
  });

  it('refuses a file that is not a journal segment', async () => {
    await writeFile(join(dir, `${'1'.padStart(20, '0')}.journal`), 'definitely not a journal');
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(/not a journal segment/);
  });

  it('drops a segment that was still being created (never renamed into place)', async () => {
    await writeThenClose(5);
    await writeFile(join(dir, `${'6'.padStart(20, '0')}.journal.tmp`), 'MSX');
    journal = await FileCommandJournal.open({ dir });
    expect(await segmentFiles()).toHaveLength(1);
    expect(journal.lastSeq).toBe(5);
    await journal.append(record(6));
    expect((await readAll(journal)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rolls to new segments and reads across them', async () => {
    journal = await FileCommandJournal.open({ dir, segmentBytes: 4 * 1024 });
    for (const chunk of [records(1, 100), records(101, 200), records(201, 300)]) await Promise.all(chunk.map((r) => journal!.append(r)));
    expect(await readAll(journal)).toEqual(records(1, 300));
    expect((await readAll(journal, 150, 160)).map((r) => r.seq)).toEqual(records(150, 160).map((r) => r.seq));
    await journal.close();
    const segments = await segmentFiles();
    expect(segments.length).toBeGreaterThan(2);
    journal = await FileCommandJournal.open({ dir, segmentBytes: 4 * 1024 });
    expect(journal.recovery.segments).toBe(segments.length);
    expect(journal.lastSeq).toBe(300);
  });

  it('discards whole segments before a sequence number, never the records after it', async () => {
    journal = await FileCommandJournal.open({ dir, segmentBytes: 2 * 1024 });
    for (let from = 1; from <= 200; from += 20) await Promise.all(records(from, from + 19).map((r) => journal!.append(r)));
    const before = (await segmentFiles()).length;
    const firstKept = await journal.discardBefore(120);
    expect(firstKept).toBeLessThanOrEqual(120);
    expect(firstKept).toBeGreaterThan(1);
    expect((await segmentFiles()).length).toBeLessThan(before);
    expect((await readAll(journal, firstKept)).map((r) => r.seq)).toEqual(records(firstKept, 200).map((r) => r.seq));
    await expect(readAll(journal, 1)).rejects.toThrow(/no longer kept/);
    await journal.close();
    journal = await FileCommandJournal.open({ dir, segmentBytes: 2 * 1024 });
    expect(journal.lastSeq).toBe(200);
    expect(await journal.discardBefore(1)).toBe(firstKept);
  });

  it('reports corruption inside an older segment when it is read', async () => {
    journal = await FileCommandJournal.open({ dir, segmentBytes: 2 * 1024 });
    await Promise.all(records(1, 100).map((r) => journal!.append(r)));
    await journal.close();
    const first = join(dir, (await segmentFiles())[0]);
    const data = await readFile(first);
    data[40] ^= 0xff;
    await writeFile(first, data);
    journal = await FileCommandJournal.open({ dir, segmentBytes: 2 * 1024 });
    await expect(readAll(journal)).rejects.toThrow(/corrupt at byte 36 \(record 1\): checksum mismatch/);
    await expect(journal.scan(1, undefined, () => undefined)).rejects.toThrow(/corrupt at byte 36 \(record 1\): checksum mismatch/);
  });

  it('checks the checksums of records appended after it opened when it replays them', async () => {
    journal = await FileCommandJournal.open({ dir, fsync: { mode: 'never' } });
    await Promise.all(records(1, 10).map((r) => journal!.append(r)));
    await journal.close();
    journal = await FileCommandJournal.open({ dir, fsync: { mode: 'never' } });
    await Promise.all(records(11, 20).map((r) => journal!.append(r)));
    const last = join(dir, (await segmentFiles()).at(-1)!);
    const data = await readFile(last);
    // Damage the payload of the last record on disk, behind the open's back.
    data[data.length - 2] ^= 0xff;
    await writeFile(last, data);
    await expect(journal.scan(1, undefined, () => undefined)).rejects.toThrow(/\(record 20\): checksum mismatch/);
  });

  it('lets only one writer open a directory', async () => {
    journal = await FileCommandJournal.open({ dir });
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(/already open/);
  });

  it('fails every pending append once a write fails, and refuses later ones', async () => {
    journal = await FileCommandJournal.open({ dir });
    await journal.append(record(1));
    // Pull the file out from under the writer: the next write fails.
    const handle = (journal as unknown as { handle: { close(): Promise<void> } }).handle;
    await handle.close();
    const pending = [journal.append(record(2)), journal.append(record(3))];
    await expect(Promise.all(pending)).rejects.toThrow();
    await expect(journal.append(record(4))).rejects.toThrow();
    await expect(journal.check()).rejects.toThrow(/acknowledges nothing more/);
    expect(journal.healthy).toBe(false);
    expect(journal.lastSeq).toBe(1);
    journal = undefined;
  });

  it('survives truncation back to an exact record boundary', async () => {
    await writeThenClose(20);
    const path = join(dir, (await segmentFiles())[0]);
    const size = (await stat(path)).size;
    const lastFrame = encodeFrame(record(20)).length;
    await truncate(path, size - lastFrame);
    journal = await FileCommandJournal.open({ dir });
    expect(journal.recovery).toMatchObject({ lastSeq: 19, truncatedBytes: 0 });
  });
  it('checks a last segment larger than one read of the open, across the reads’ boundaries', async () => {
    // Over 4 MiB, the size of one read when the open checks the last segment.
    await writeThenClose(100_000);
    const path = join(dir, (await segmentFiles())[0]);
    const data = await readFile(path);
    expect(data.length).toBeGreaterThan(5 * 1024 * 1024);
    journal = await FileCommandJournal.open({ dir });
    expect(journal.recovery).toMatchObject({ lastSeq: 100_000, truncatedBytes: 0 });
    expect(await journal.scan(1, undefined, () => undefined)).toBe(100_000);
    await journal.close();
    journal = undefined;

    // Frame starts, from each frame's length prefix (16-byte header, then the payload).
    const starts: number[] = [];
    for (let offset = 36; offset < data.length; offset += 16 + data.readUInt32LE(offset)) starts.push(offset);
    const straddling = starts.findIndex((start, i) => start < 4 * 1024 * 1024 && (starts[i + 1] ?? data.length) > 4 * 1024 * 1024);
    const damaged = Buffer.from(data);
    damaged[4 * 1024 * 1024] ^= 0xff;
    await writeFile(path, damaged);
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(
      `corrupt at byte ${starts[straddling]} (record ${straddling + 1}: checksum mismatch), with intact records after it at byte ${starts[straddling + 1]}`,
    );
    // Compared as bytes: a deep equality over megabytes takes the matcher minutes.
    expect((await readFile(path)).equals(damaged)).toBe(true);

    const tornAt = data.length - 10;
    await writeFile(path, data.subarray(0, tornAt));
    journal = await FileCommandJournal.open({ dir });
    expect(journal.recovery).toMatchObject({ lastSeq: 99_999, truncatedBytes: tornAt - starts[99_999], truncatedBecause: 'torn record' });
    expect(journal.recovery.tornCopy).toBe(`${path}.torn-${starts[99_999]}`);
  });
});
