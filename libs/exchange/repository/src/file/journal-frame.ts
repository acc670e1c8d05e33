import { crc32 } from 'node:zlib';
import type { JournalRecord } from '@mosaic/exchange-domain';
import { maxPayloadBytes, readRecordPayload, writeRecordPayload } from './binary-record';

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
  scratch.writeUInt32LE(crc32(scratch.subarray(8, end)), 4);
  return Buffer.from(scratch.subarray(0, end));
}

export type FrameCheck =
  /** A whole, intact frame of `size` bytes. */
  | { kind: 'frame'; seq: number; size: number }
  /** The bytes end before the frame does. */
  | { kind: 'partial' }
  /** The frame is damaged. */
  | { kind: 'corrupt'; why: string };

/** Checks the frame starting at `offset` without decoding its payload. */
export function checkFrame(buffer: Buffer, offset: number, end = buffer.length): FrameCheck {
  if (end - offset < FRAME_HEADER) return { kind: 'partial' };
  const length = buffer.readUInt32LE(offset);
  if (length === 0 || length > MAX_PAYLOAD) return { kind: 'corrupt', why: `implausible record length ${length}` };
  if (end - offset < FRAME_HEADER + length) return { kind: 'partial' };
  const expected = buffer.readUInt32LE(offset + 4);
  if (crc32(buffer.subarray(offset + 8, offset + FRAME_HEADER + length)) !== expected) return { kind: 'corrupt', why: 'checksum mismatch' };
  return { kind: 'frame', seq: frameSeq(buffer, offset), size: FRAME_HEADER + length };
}

export function frameSeq(buffer: Buffer, offset: number): number {
  return buffer.readUInt32LE(offset + 8) + buffer.readUInt32LE(offset + 12) * TWO_32;
}

/** Decodes a frame already vouched for by `checkFrame`. */
export function decodeFrame(buffer: Buffer, offset: number, size: number): JournalRecord {
  return readRecordPayload(buffer, offset + FRAME_HEADER, offset + size, frameSeq(buffer, offset));
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
    const check = checkFrame(buffer, offset, end);
    if (check.kind === 'frame') return offset;
  }
  return undefined;
}
