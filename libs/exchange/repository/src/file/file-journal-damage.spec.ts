import { appendFile, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAll, records } from '../test-support/records';
import { FileCommandJournal } from './file-command-journal';
import { FRAME_HEADER } from './journal-frame';
import { SEGMENT_HEADER } from './segment-file';

/** Damage that a crash cannot cause must stop the open, naming what is wrong; nothing is cut or deleted. */
describe('FileCommandJournal on a damaged directory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exchange-journal-damage-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function segmentFiles(): Promise<string[]> {
    return (await readdir(dir)).filter((name) => name.endsWith('.journal')).sort();
  }

  async function write(count: number, segmentBytes?: number): Promise<void> {
    const journal = await FileCommandJournal.open({ dir, segmentBytes });
    for (let from = 1; from <= count; from += 10) await Promise.all(records(from, Math.min(count, from + 9)).map((r) => journal.append(r)));
    await journal.close();
  }

  it('refuses to open when a damaged record has intact records after it, and changes nothing', async () => {
    await write(20);
    const path = join(dir, (await segmentFiles())[0]);
    const data = await readFile(path);
    // Flip a payload byte of the fifth record: records 6–20 are intact after it.
    let offset = SEGMENT_HEADER;
    for (let i = 0; i < 4; i++) offset += FRAME_HEADER + data.readUInt32LE(offset);
    data[offset + FRAME_HEADER + 2] ^= 0xff;
    await writeFile(path, data);
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(
      new RegExp(`${path} is corrupt at byte ${offset} \\(record 5: checksum mismatch\\), with intact records after it`),
    );
    expect(await readFile(path)).toEqual(data);
    expect((await readdir(dir)).some((name) => name.includes('.torn-'))).toBe(false);
  });

  it('refuses to open when a damaged length hides intact records after it', async () => {
    await write(20);
    const path = join(dir, (await segmentFiles())[0]);
    const data = await readFile(path);
    data.writeUInt32LE(1_000_000, SEGMENT_HEADER);
    await writeFile(path, data);
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(/corrupt at byte 36 \(record 1: torn record\), with intact records after it/);
    expect((await stat(path)).size).toBe(data.length);
  });

  it('refuses to open when the last segment is missing', async () => {
    await write(200, 2 * 1024);
    const segments = await segmentFiles();
    expect(segments.length).toBeGreaterThan(2);
    await rm(join(dir, segments[segments.length - 1]));
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(
      new RegExp(`missing segment ${segments[segments.length - 1]}: the manifest says the journal continues there`),
    );
  });

  it('refuses to open when a segment in the middle is missing', async () => {
    await write(200, 2 * 1024);
    const segments = await segmentFiles();
    await rm(join(dir, segments[1]));
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(new RegExp(`missing segment ${segments[1]}: ${join(dir, segments[2])} follows it`));
  });

  it('refuses to open when the first segment is missing', async () => {
    await write(200, 2 * 1024);
    const segments = await segmentFiles();
    await rm(join(dir, segments[0]));
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(new RegExp(`missing its first segment ${segments[0]}`));
  });

  it('refuses to open when every segment is gone but the manifest remains', async () => {
    await write(20);
    for (const segment of await segmentFiles()) await rm(join(dir, segment));
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(/has lost every segment/);
  });

  it('refuses to open when a sealed segment was cut short, even at a record boundary', async () => {
    await write(200, 2 * 1024);
    const segments = await segmentFiles();
    const path = join(dir, segments[0]);
    const size = (await stat(path)).size;
    await truncate(path, size - 100);
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(new RegExp(`${path} is ${size - 100} bytes, but was ${size} bytes when it was sealed`));
  });

  it('refuses a segment written in another format, naming it', async () => {
    await writeFile(join(dir, `${'1'.padStart(20, '0')}.journal`), 'MSXJRNL1{"seq":1}');
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(/is journal segment format 1; this version reads only format 2/);
  });

  it('refuses segments without their manifest', async () => {
    await write(200, 2 * 1024);
    await rm(join(dir, 'journal.manifest'));
    await expect(FileCommandJournal.open({ dir })).rejects.toThrow(/has segments but no journal.manifest/);
  });

  it('finishes a roll that stopped before the manifest was updated', async () => {
    await write(200, 2 * 1024);
    const manifest = JSON.parse(await readFile(join(dir, 'journal.manifest'), 'utf8')) as { lastSegment: number };
    const segments = await segmentFiles();
    await writeFile(join(dir, 'journal.manifest'), JSON.stringify({ ...manifest, lastSegment: Number(segments[segments.length - 2].slice(0, 20)) }));
    const journal = await FileCommandJournal.open({ dir, segmentBytes: 2 * 1024 });
    expect(journal.lastSeq).toBe(200);
    expect((await readAll(journal)).length).toBe(200);
    await journal.close();
  });

  it('moves a torn tail aside even when it spans several records', async () => {
    await write(10);
    const path = join(dir, (await segmentFiles())[0]);
    const size = (await stat(path)).size;
    const garbage = Buffer.alloc(300, 0);
    await appendFile(path, garbage);
    const journal = await FileCommandJournal.open({ dir });
    expect(journal.recovery).toMatchObject({ lastSeq: 10, truncatedBytes: 300, tornCopy: `${path}.torn-${size}` });
    expect(await readFile(`${path}.torn-${size}`)).toEqual(garbage);
    expect((await stat(path)).size).toBe(size);
    await journal.close();
  });
});
