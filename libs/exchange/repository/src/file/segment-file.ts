import { crc32 } from 'node:zlib';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A segment file starts with this header:
 *
 *   8 bytes  magic "MSXJRNL" + format digit ("2": binary records)
 *   u64 LE   sequence number of the segment's first record
 *   u64 LE   first sequence number of the previous segment (0 for the journal's first)
 *   u64 LE   size in bytes of the previous segment when it was sealed
 *   u32 LE   CRC-32 of the 32 bytes before it
 *
 * The link to the previous segment makes the files a chain: a segment missing
 * from the middle, or a sealed one cut short, is found at open by reading
 * headers and file sizes only.
 */
export const SEGMENT_HEADER = 36;
export const SEGMENT_FORMAT = 2;
const MAGIC_PREFIX = 'MSXJRNL';
const MAGIC = Buffer.from(`${MAGIC_PREFIX}${SEGMENT_FORMAT}`, 'latin1');
const SEGMENT_NAME = /^(\d{20})\.journal$/;

export interface SegmentHeader {
  firstSeq: number;
  prevFirstSeq: number;
  prevBytes: number;
}

export interface Segment {
  firstSeq: number;
  path: string;
}

export function segmentName(firstSeq: number): string {
  return `${String(firstSeq).padStart(20, '0')}.journal`;
}

/** The first sequence number a segment file name stands for, or undefined if it names no segment. */
export function segmentFirstSeq(name: string): number | undefined {
  const match = SEGMENT_NAME.exec(name);
  return match === null ? undefined : Number(match[1]);
}

export function encodeSegmentHeader(header: SegmentHeader): Buffer {
  const data = Buffer.alloc(SEGMENT_HEADER);
  MAGIC.copy(data, 0);
  data.writeBigUInt64LE(BigInt(header.firstSeq), 8);
  data.writeBigUInt64LE(BigInt(header.prevFirstSeq), 16);
  data.writeBigUInt64LE(BigInt(header.prevBytes), 24);
  data.writeUInt32LE(crc32(data.subarray(0, 32)), 32);
  return data;
}

/** Reads a segment header; throws, naming the file, when it is not one this version can read. */
export function decodeSegmentHeader(path: string, data: Buffer): SegmentHeader {
  const magic = data.toString('latin1', 0, Math.min(8, data.length));
  if (!magic.startsWith(MAGIC_PREFIX) || data.length < 8) throw new Error(`${path} is not a journal segment`);
  if (magic !== MAGIC.toString('latin1')) {
    throw new Error(`${path} is journal segment format ${magic.slice(MAGIC_PREFIX.length)}; this version reads only format ${SEGMENT_FORMAT}`);
  }
  if (data.length < SEGMENT_HEADER) throw new Error(`${path} has a truncated segment header (${data.length} bytes)`);
  if (crc32(data.subarray(0, 32)) !== data.readUInt32LE(32)) throw new Error(`${path} has a damaged segment header`);
  const header = {
    firstSeq: Number(data.readBigUInt64LE(8)),
    prevFirstSeq: Number(data.readBigUInt64LE(16)),
    prevBytes: Number(data.readBigUInt64LE(24)),
  };
  if (segmentFirstSeq(basename(path)) !== header.firstSeq) throw new Error(`${path} holds segment ${header.firstSeq} under another name`);
  return header;
}

/** Reads just the header of a segment file. */
export async function readSegmentHeader(path: string): Promise<SegmentHeader> {
  const handle = await open(path, 'r');
  try {
    const data = Buffer.alloc(SEGMENT_HEADER);
    const { bytesRead } = await handle.read(data, 0, SEGMENT_HEADER, 0);
    return decodeSegmentHeader(path, data.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export type OpenFile = (path: string, flags: string | number) => Promise<FileHandle>;

/** Creates a segment atomically (written and synced under a temporary name, then renamed), so a crash never leaves a half-made header. */
export async function createSegment(dir: string, header: SegmentHeader, openFile: OpenFile): Promise<Segment> {
  const path = join(dir, segmentName(header.firstSeq));
  const temporary = `${path}.tmp`;
  const handle = await openFile(temporary, 'w');
  try {
    await handle.write(encodeSegmentHeader(header));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDirectory(dirname(path));
  return { firstSeq: header.firstSeq, path };
}

export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
