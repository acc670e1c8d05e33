import { crc32 } from 'node:zlib';
import { deserializeRecord, serializeRecord, type JournalRecord } from '@mosaic/exchange-domain';

/**
 * One journal record on disk:
 *
 *   u32 LE  payload length N
 *   u32 LE  CRC-32 of the 8 + N bytes that follow
 *   u64 LE  sequence number (as two u32 halves)
 *   N bytes payload: the record as JSON
 *
 * The length prefix lets a reader skip records without parsing them; the
 * checksum covers the sequence number too, so a torn or misplaced write is
 * caught rather than replayed.
 */
export const FRAME_HEADER = 16;
/** A record larger than this is not a record: the length field itself is damaged. */
export const MAX_PAYLOAD = 16 * 1024 * 1024;
/** Each segment starts with this, so a stray file is never mistaken for a journal. */
export const SEGMENT_MAGIC = Buffer.from('MSXJRNL1', 'latin1');

const TWO_32 = 4_294_967_296;

export function encodeFrame(record: JournalRecord): Buffer {
  const payload = serializeRecord(record);
  const length = Buffer.byteLength(payload);
  const frame = Buffer.allocUnsafe(FRAME_HEADER + length);
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(record.seq % TWO_32, 8);
  frame.writeUInt32LE(Math.floor(record.seq / TWO_32), 12);
  frame.write(payload, FRAME_HEADER, 'utf8');
  frame.writeUInt32LE(crc32(frame.subarray(8)), 4);
  return frame;
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
  const seq = buffer.readUInt32LE(offset + 8) + buffer.readUInt32LE(offset + 12) * TWO_32;
  return { kind: 'frame', seq, size: FRAME_HEADER + length };
}

/** Decodes a frame already vouched for by `checkFrame`. */
export function decodeFrame(buffer: Buffer, offset: number, size: number): JournalRecord {
  const record = deserializeRecord(buffer.toString('utf8', offset + FRAME_HEADER, offset + size));
  const seq = buffer.readUInt32LE(offset + 8) + buffer.readUInt32LE(offset + 12) * TWO_32;
  if (record.seq !== seq) throw new Error(`journal frame ${seq} holds record ${record.seq}`);
  return record;
}
