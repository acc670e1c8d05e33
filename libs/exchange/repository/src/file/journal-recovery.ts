import { open, readdir, readFile, rm, stat, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest, writeManifest, type JournalManifest } from './journal-manifest';
import * as frames from './journal-frame';
import {
  createSegment,
  decodeSegmentHeader,
  readSegmentHeader,
  SEGMENT_HEADER,
  segmentFirstSeq,
  segmentName,
  syncDirectory,
  type OpenFile,
  type Segment,
} from './segment-file';

// tsx runs this code as CommonJS, where every use of an imported name calls a getter on
// the exporting module; the open's scan over every record binds what it calls once, at load.
const { PARTIAL, checkFrame, findIntactFrameAfter, frameSeq, frameSize } = frames;

/** What opening the journal found. */
export interface JournalRecovery {
  segments: number;
  lastSeq: number;
  /** Bytes of a torn last record (or batch) cut off the end. */
  truncatedBytes: number;
  truncatedBecause: string | null;
  /** Where the torn bytes were moved to before the cut, if there were any. */
  tornCopy: string | null;
}

export interface RecoveredJournal {
  segments: Segment[];
  /** Size of the last segment once its torn tail (if any) is cut off: where appends continue. */
  lastSegmentBytes: number;
  recovery: JournalRecovery;
}

/**
 * Checks a journal directory before it is written again, and repairs only what a
 * crash can leave: a torn tail on the last segment (moved aside, never just
 * dropped) and leftovers of a segment or manifest being created. Anything else
 * (a damaged record with intact ones after it, a missing or cut-short segment, a
 * manifest that names a segment that is not there) stops the open with an error
 * naming the file, because carrying on would silently drop acknowledged records.
 */
export async function recoverJournal(dir: string, openFile: OpenFile): Promise<RecoveredJournal> {
  const names = await readdir(dir);
  // A temporary file was never part of the journal: its rename did not happen.
  for (const name of names.filter((entry) => entry.endsWith('.journal.tmp') || entry === 'journal.manifest.tmp')) await rm(join(dir, name), { force: true });
  let segments = names
    .map((name) => ({ name, firstSeq: segmentFirstSeq(name) }))
    .filter((entry): entry is { name: string; firstSeq: number } => entry.firstSeq !== undefined)
    .map(({ name, firstSeq }) => ({ firstSeq, path: join(dir, name) }))
    .sort((a, b) => a.firstSeq - b.firstSeq);
  const headers = await Promise.all(segments.map((segment) => readSegmentHeader(segment.path)));
  let manifest = await readManifest(dir);

  if (segments.length === 0) {
    if (manifest !== undefined)
      throw new Error(`journal ${dir} has lost every segment: its manifest names segments ${manifest.firstSegment} to ${manifest.lastSegment}`);
    const first = await createSegment(dir, { firstSeq: 1, prevFirstSeq: 0, prevBytes: 0 }, openFile);
    await writeManifest(dir, { format: 1, firstSegment: 1, lastSegment: 1 });
    return { segments: [first], lastSegmentBytes: SEGMENT_HEADER, recovery: emptyRecovery(1, 0) };
  }
  if (manifest === undefined) {
    // Only a crash between creating the very first segment and writing the manifest leaves no manifest.
    if (segments.length !== 1 || headers[0].prevFirstSeq !== 0) throw new Error(`journal ${dir} has segments but no journal.manifest`);
    manifest = { format: 1, firstSegment: segments[0].firstSeq, lastSegment: segments[0].firstSeq };
    await writeManifest(dir, manifest);
  }

  // Segments before the manifest's first were being discarded when the process stopped.
  const discarded = segments.filter((segment) => segment.firstSeq < manifest.firstSegment);
  for (const segment of discarded) await rm(segment.path, { force: true });
  headers.splice(0, discarded.length);
  segments = segments.slice(discarded.length);
  await checkChain(dir, manifest, segments, headers);

  const last = segments[segments.length - 1];
  const tail = await scanLastSegment(last);
  if (manifest.lastSegment !== last.firstSeq) await writeManifest(dir, { ...manifest, lastSegment: last.firstSeq });
  return {
    segments,
    lastSegmentBytes: tail.validBytes,
    recovery: {
      segments: segments.length,
      lastSeq: tail.lastSeq,
      truncatedBytes: tail.fileBytes - tail.validBytes,
      truncatedBecause: tail.reason,
      tornCopy: tail.tornCopy,
    },
  };
}

async function checkChain(dir: string, manifest: JournalManifest, segments: Segment[], headers: { prevFirstSeq: number; prevBytes: number }[]): Promise<void> {
  if (segments.length === 0) throw new Error(`journal ${dir} has lost every segment from ${segmentName(manifest.firstSegment)} on`);
  if (segments[0].firstSeq !== manifest.firstSegment) throw new Error(`journal ${dir} is missing its first segment ${segmentName(manifest.firstSegment)}`);
  for (let i = 1; i < segments.length; i++) {
    const previous = segments[i - 1];
    if (headers[i].prevFirstSeq !== previous.firstSeq) {
      throw new Error(
        `journal ${dir} is missing segment ${segmentName(headers[i].prevFirstSeq)}: ${segments[i].path} follows it, but the file before is ${previous.path}`,
      );
    }
    const size = (await stat(previous.path)).size;
    if (size !== headers[i].prevBytes)
      throw new Error(`journal segment ${previous.path} is ${size} bytes, but was ${headers[i].prevBytes} bytes when it was sealed`);
  }
  const last = segments[segments.length - 1];
  if (manifest.lastSegment > last.firstSeq || !segments.some((segment) => segment.firstSeq === manifest.lastSegment)) {
    throw new Error(`journal ${dir} is missing segment ${segmentName(manifest.lastSegment)}: the manifest says the journal continues there`);
  }
}

interface TailScan {
  lastSeq: number;
  validBytes: number;
  fileBytes: number;
  reason: string | null;
  tornCopy: string | null;
}

/** Bytes the open reads at a time: a buffer reused across chunks, since a fresh buffer the size of a segment costs a page fault per 4 KiB. */
const SCAN_CHUNK = 4 * 1024 * 1024;

/**
 * Finds where the intact records of the last segment end. A damaged or cut-short
 * record with nothing intact after it is the torn tail of a write that was never
 * acknowledged: its bytes are copied aside, then cut off. With an intact record
 * after it, it is corruption of acknowledged data, and the open fails.
 */
async function scanLastSegment(segment: Segment): Promise<TailScan> {
  const { end, expected, fileBytes } = await findEndOfIntactFrames(segment, SCAN_CHUNK);
  if (end === fileBytes) return { lastSeq: expected - 1, validBytes: end, fileBytes, reason: null, tornCopy: null };
  return cutTornTail(segment, { at: end, expected, fileBytes });
}

/**
 * Reads the segment in chunks, checking each frame's checksum and sequence number, up
 * to its end or the first frame that is damaged or cut short: that frame's offset, and
 * the sequence number it should have carried.
 */
async function findEndOfIntactFrames(segment: Segment, chunkBytes: number): Promise<{ end: number; expected: number; fileBytes: number }> {
  const handle = await open(segment.path, 'r');
  try {
    const fileBytes = (await handle.stat()).size;
    let buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(fileBytes, SEGMENT_HEADER)));
    // File offset of buffer[0], and how much of the buffer holds file bytes.
    let base = 0;
    let filled = await readInto(handle, buffer, 0, 0);
    decodeSegmentHeader(segment.path, buffer.subarray(0, filled));
    let offset = SEGMENT_HEADER;
    let expected = segment.firstSeq;
    for (;;) {
      if (base + offset === fileBytes) return { end: fileBytes, expected, fileBytes };
      // The allocation-free check first: this loop runs over every record of the last segment at each open.
      const size = frameSize(buffer, offset, filled);
      if (size > 0) {
        const seq = frameSeq(buffer, offset);
        if (seq !== expected) throw new Error(`${segment.path} holds record ${seq} where ${expected} belongs (byte ${base + offset})`);
        offset += size;
        expected += 1;
        continue;
      }
      if (size !== PARTIAL || base + filled === fileBytes) return { end: base + offset, expected, fileBytes };
      // The frame continues in the next chunk: carry its start to the front (a frame larger than the buffer grows it).
      buffer.copyWithin(0, offset, filled);
      base += offset;
      filled -= offset;
      offset = 0;
      if (filled === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      filled += await readInto(handle, buffer, filled, base + filled);
    }
  } finally {
    await handle.close();
  }
}

/** Reads from `position` into `buffer[from..]` until it is full or the file ends; returns the bytes read. */
async function readInto(handle: FileHandle, buffer: Buffer, from: number, position: number): Promise<number> {
  let read = 0;
  while (from + read < buffer.length) {
    const { bytesRead } = await handle.read(buffer, from + read, buffer.length - from - read, position + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return read;
}

/** The damaged or cut-short record at `at` and everything after it: refused if an intact record follows, else moved aside and cut off. */
async function cutTornTail(segment: Segment, { at, expected, fileBytes }: { at: number; expected: number; fileBytes: number }): Promise<TailScan> {
  const rest = (await readFile(segment.path)).subarray(at, fileBytes);
  const check = checkFrame(rest, 0);
  const why = check.kind === 'corrupt' ? check.why : 'torn record';
  const intact = findIntactFrameAfter(rest, 0, rest.length, expected - 1);
  if (intact !== undefined) {
    throw new Error(
      `journal segment ${segment.path} is corrupt at byte ${at} (record ${expected}: ${why}), with intact records after it at byte ${at + intact}; refusing to open`,
    );
  }
  const tornCopy = await moveAside(segment.path, rest, at);
  await truncate(segment.path, at);
  return { lastSeq: expected - 1, validBytes: at, fileBytes, reason: why, tornCopy };
}

/** Keeps the torn bytes in `<segment>.torn-<offset>` (durably) before they are cut off the segment. */
async function moveAside(path: string, bytes: Buffer, offset: number): Promise<string> {
  const base = `${path}.torn-${offset}`;
  for (let attempt = 0; ; attempt++) {
    const target = attempt === 0 ? base : `${base}.${attempt}`;
    try {
      await writeDurably(target, bytes);
      await syncDirectory(join(path, '..'));
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

async function writeDurably(target: string, bytes: Buffer): Promise<void> {
  const handle = await open(target, 'wx');
  try {
    await handle.write(bytes);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

function emptyRecovery(segments: number, lastSeq: number): JournalRecovery {
  return { segments, lastSeq, truncatedBytes: 0, truncatedBecause: null, tornCopy: null };
}
