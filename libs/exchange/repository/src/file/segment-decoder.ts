import type { JournalRecord } from '@mosaic/exchange-domain';
import * as frames from './journal-frame';

// tsx runs this code as CommonJS, where every use of an imported name calls a getter on
// the exporting module; this hot path binds what it calls once, at load.
const { PARTIAL, checkFrame, decodeFrame, decodeTransientFrame, frameExtent, frameSeq, frameSize } = frames;

/** How a `decode` call ended: a full batch, the end of the bytes (a frame may continue in the next chunk), or the last wanted record. */
export type DecodeStop = 'batch' | 'partial' | 'done';

/**
 * Decodes the frames of one segment, chunk by chunk, checking each one's
 * checksum and sequence number. The per-record loop lives here, in a plain
 * method, rather than in the journal's async generator: V8 optimises it far
 * better there (replay ran ~5× slower with the loop inside the generator).
 */
export class SegmentDecoder {
  /** Offset in the current chunk of the next frame. */
  offset = 0;

  constructor(
    private readonly path: string,
    /** The sequence number the next frame must carry. */
    public expected: number,
    private readonly fromSeq: number,
    private readonly bound: number,
    /** File offset up to which the journal verified every frame's checksum when it opened (0: none of this segment). */
    private readonly verifiedEnd = 0,
  ) {}

  /** Appends up to `max` records from `data` (whose first byte is at file offset `base`) to `out`. */
  decode(data: Buffer, base: number, max: number, out: JournalRecord[]): DecodeStop {
    let offset = this.offset;
    let expected = this.expected;
    try {
      while (out.length < max) {
        const size = this.frameAt(data, base, offset, expected);
        if (size === PARTIAL) return 'partial';
        if (expected >= this.fromSeq) out.push(decodeFrame(data, offset, size));
        offset += size;
        expected += 1;
        if (expected > this.bound) return 'done';
      }
      return 'batch';
    } finally {
      this.offset = offset;
      this.expected = expected;
    }
  }

  /** Hands every record in `data` to `visit` as a transient record (overwritten by the next one), until the bytes or the wanted records end. */
  visit(data: Buffer, base: number, visit: (record: JournalRecord) => void): DecodeStop {
    let offset = this.offset;
    let expected = this.expected;
    try {
      for (;;) {
        const size = this.frameAt(data, base, offset, expected);
        if (size === PARTIAL) return 'partial';
        if (expected >= this.fromSeq) visit(decodeTransientFrame(data, offset, size));
        offset += size;
        expected += 1;
        if (expected > this.bound) return 'done';
      }
    } finally {
      this.offset = offset;
      this.expected = expected;
    }
  }

  /** The size of the intact frame at `offset`, which must carry `expected`, or PARTIAL; throws, naming the place, on damage. */
  private frameAt(data: Buffer, base: number, offset: number, expected: number): number {
    let size = frameExtent(data, offset);
    // Checksums the open already verified are not computed twice.
    if (size > 0 && base + offset + size > this.verifiedEnd) size = frameSize(data, offset);
    if (size === PARTIAL) return PARTIAL;
    if (size < 0) {
      const check = checkFrame(data, offset);
      const why = check.kind === 'corrupt' ? check.why : 'damaged';
      throw new Error(`journal segment ${this.path} is corrupt at byte ${base + offset} (record ${expected}): ${why}`);
    }
    const seq = frameSeq(data, offset);
    if (seq !== expected) throw new Error(`journal segment ${this.path} holds record ${seq} where ${expected} belongs (byte ${base + offset})`);
    return size;
  }
}
