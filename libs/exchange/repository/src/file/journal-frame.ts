import type { JournalRecord } from '@mosaic/exchange-domain';
import * as checksums from './crc32';
import * as records from './binary-record';

// tsx runs this code as CommonJS, where every use of an imported name calls a getter on
// the exporting module; this hot path binds what it calls once, at load.
const { crc32 } = checksums;
const { maxPayloadBytes, readRecordPayload, readTransientRecord, writeRecordPayload } = records;

/**
 * One journal record on disk:
 *
 *   u32 LE  payload length N
 *   u32 LE  CRC-32 of the 8 + N bytes that follow
 *   u64 LE  sequence number (as two u32 halves)
 *   N bytes payload: the record in its binary form (see binary-record.ts)
 *
 * The length prefix lets a reader skip records without parsing them; the
 * checksum covers the sequence number too, so a torn or misplaced write is
 * caught rather than replayed.
 */
export const FRAME_HEADER = 16;
/** A record larger than this is not a record: the length field itself is damaged. */
export const MAX_PAYLOAD = 16 * 1024 * 1024;

const TWO_32 = 4_294_967_296;
let scratch = Buffer.allocUnsafe(64 * 1024);

export function encodeFrame(record: JournalRecord): Buffer {
  const room = FRAME_HEADER + maxPayloadBytes(record);
  if (scratch.length < room) scratch = Buffer.allocUnsafe(Math.max(room, scratch.length * 2));
  const end = writeRecordPayload(record, scratch, FRAME_HEADER);
  const length = end - FRAME_HEADER;
  if (length > MAX_PAYLOAD) throw new RangeError(`record ${record.seq} is too large for the journal`);
  scratch.writeUInt32LE(length, 0);
  scratch.writeUInt32LE(record.seq % TWO_32, 8);
  scratch.writeUInt32LE(Math.floor(record.seq / TWO_32), 12);
  scratch.writeUInt32LE(crc32(scratch, 8, end), 4);
  return Buffer.from(scratch.subarray(0, end));
}

export type FrameCheck =
  /** A whole, intact frame of `size` bytes. */
  | { kind: 'frame'; seq: number; size: number }
  /** The bytes end before the frame does. */
  | { kind: 'partial' }
  /** The frame is damaged. */
  | { kind: 'corrupt'; why: string };

/** `frameSize` results that are not a frame. */
export const PARTIAL = 0;
export const BAD_LENGTH = -1;
export const BAD_CHECKSUM = -2;

/**
 * The size of the intact frame starting at `offset`, or PARTIAL (the bytes end
 * before it does), BAD_LENGTH or BAD_CHECKSUM. Allocation-free: replay calls it
 * once per record.
 */
export function frameSize(buffer: Buffer, offset: number, end = buffer.length): number {
  const size = frameExtent(buffer, offset, end);
  if (size <= 0) return size;
  if (crc32(buffer, offset + 8, offset + size) !== u32(buffer, offset + 4)) return BAD_CHECKSUM;
  return size;
}

/**
 * `frameSize` without the checksum, for bytes whose checksums were verified
 * already (the journal checks every record of its last segment when it opens).
 */
export function frameExtent(buffer: Buffer, offset: number, end = buffer.length): number {
  if (end - offset < FRAME_HEADER) return PARTIAL;
  const length = u32(buffer, offset);
  if (length === 0 || length > MAX_PAYLOAD) return BAD_LENGTH;
  if (end - offset < FRAME_HEADER + length) return PARTIAL;
  return FRAME_HEADER + length;
}

/** A little-endian u32 read straight from the bytes: cheaper than `readUInt32LE`'s checks, on offsets the caller has bounded. */
function u32(buffer: Buffer, offset: number): number {
  return (buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16)) + buffer[offset + 3] * 0x1000000;
}

/** Checks the frame starting at `offset` without decoding its payload, saying what is wrong with it. */
export function checkFrame(buffer: Buffer, offset: number, end = buffer.length): FrameCheck {
  const size = frameSize(buffer, offset, end);
  if (size > 0) return { kind: 'frame', seq: frameSeq(buffer, offset), size };
  if (size === PARTIAL) return { kind: 'partial' };
  if (size === BAD_LENGTH) return { kind: 'corrupt', why: `implausible record length ${buffer.readUInt32LE(offset)}` };
  return { kind: 'corrupt', why: 'checksum mismatch' };
}

export function frameSeq(buffer: Buffer, offset: number): number {
  return u32(buffer, offset + 8) + u32(buffer, offset + 12) * TWO_32;
}

/** Decodes a frame already vouched for by `checkFrame`. */
export function decodeFrame(buffer: Buffer, offset: number, size: number): JournalRecord {
  return readRecordPayload(buffer, offset + FRAME_HEADER, offset + size, frameSeq(buffer, offset));
}

/** Decodes a frame already vouched for by `checkFrame` into the transient record the next decode overwrites (see `readTransientRecord`). */
export function decodeTransientFrame(buffer: Buffer, offset: number, size: number): JournalRecord {
  return readTransientRecord(buffer, offset + FRAME_HEADER, offset + size, frameSeq(buffer, offset));
}

/**
 * Whether an intact frame starts anywhere in `(from, end)` with a sequence
 * number after `afterSeq`: what tells corruption (acknowledged records follow the
 * damage) from a torn tail (nothing does). The sequence number is checked before
 * the checksum, so random bytes cost little.
 */
export function findIntactFrameAfter(buffer: Buffer, from: number, end: number, afterSeq: number): number | undefined {
  const maxSeq = afterSeq + Math.ceil((end - from) / FRAME_HEADER);
  for (let offset = from + 1; offset + FRAME_HEADER <= end; offset++) {
    const seq = frameSeq(buffer, offset);
    if (seq <= afterSeq || seq > maxSeq) continue;
    if (frameSize(buffer, offset, end) > 0) return offset;
  }
  return undefined;
}
