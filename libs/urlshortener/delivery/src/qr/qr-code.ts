import {
  alignmentPositions,
  dataCodewords,
  ECC_CODEWORDS_PER_BLOCK,
  ERROR_CORRECTION_BLOCKS,
  FORMAT_BITS,
  MAX_VERSION,
  MIN_VERSION,
  rawDataModules,
  type ErrorCorrectionLevel,
} from './qr-tables';
import { errorCorrectionCodewords, generatorPolynomial } from './reed-solomon';

/** A QR code symbol: `modules[y][x]` is true for a dark module. */
export interface QrCode {
  readonly version: number;
  readonly size: number;
  readonly level: ErrorCorrectionLevel;
  readonly mask: number;
  readonly modules: readonly (readonly boolean[])[];
}

/**
 * Encodes text (as UTF-8, in byte mode) into the smallest QR code that holds it at
 * the given error-correction level, following ISO/IEC 18004: data and padding,
 * Reed–Solomon blocks interleaved, function patterns, the zigzag data placement,
 * and the mask with the lowest penalty.
 */
export function encodeQr(text: string, level: ErrorCorrectionLevel = 'M'): QrCode {
  const bytes = new TextEncoder().encode(text);
  const version = smallestVersionFor(bytes.length, level);
  const codewords = withErrorCorrection(dataCodewordsFor(bytes, version, level), version, level);
  const symbol = new QrSymbol(version);
  symbol.drawFunctionPatterns();
  symbol.drawCodewords(codewords);
  const mask = symbol.applyBestMask(level);
  return { version, size: symbol.size, level, mask, modules: symbol.modules };
}

/** Mode indicator (4 bits) + character count (8 or 16 bits) + 8 bits per byte. */
function bitsNeeded(byteCount: number, version: number): number {
  return 4 + (version < 10 ? 8 : 16) + byteCount * 8;
}

function smallestVersionFor(byteCount: number, level: ErrorCorrectionLevel): number {
  for (let version = MIN_VERSION; version <= MAX_VERSION; version++) {
    if (bitsNeeded(byteCount, version) <= dataCodewords(version, level) * 8) return version;
  }
  throw new RangeError(`${byteCount} bytes do not fit in a QR code at level ${level}`);
}

function dataCodewordsFor(bytes: Uint8Array, version: number, level: ErrorCorrectionLevel): number[] {
  const capacityBits = dataCodewords(version, level) * 8;
  const bits: number[] = [];
  const append = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  append(0b0100, 4); // byte mode
  append(bytes.length, version < 10 ? 8 : 16);
  for (const byte of bytes) append(byte, 8);
  append(0, Math.min(4, capacityBits - bits.length)); // terminator
  append(0, (8 - (bits.length % 8)) % 8);
  for (let pad = 0xec; bits.length < capacityBits; pad ^= 0xec ^ 0x11) append(pad, 8);

  const codewords: number[] = [];
  for (let i = 0; i < bits.length; i += 8) codewords.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0));
  return codewords;
}

/**
 * Splits the data into the version's blocks (the last ones one codeword longer),
 * appends each block's error correction, and interleaves them codeword by codeword.
 */
function withErrorCorrection(data: readonly number[], version: number, level: ErrorCorrectionLevel): number[] {
  const blockCount = ERROR_CORRECTION_BLOCKS[level][version] ?? 0;
  const eccLength = ECC_CODEWORDS_PER_BLOCK[level][version] ?? 0;
  const totalCodewords = Math.floor(rawDataModules(version) / 8);
  const shortBlocks = blockCount - (totalCodewords % blockCount);
  const shortBlockLength = Math.floor(totalCodewords / blockCount);
  const generator = generatorPolynomial(eccLength);

  const blocks: number[][] = [];
  for (let i = 0, offset = 0; i < blockCount; i++) {
    const block = data.slice(offset, offset + shortBlockLength - eccLength + (i < shortBlocks ? 0 : 1));
    offset += block.length;
    const ecc = errorCorrectionCodewords(block, generator);
    // A placeholder keeps the short blocks aligned with the long ones; it is skipped below.
    if (i < shortBlocks) block.push(0);
    blocks.push([...block, ...ecc]);
  }
  const result: number[] = [];
  for (let i = 0; i < shortBlockLength + 1; i++) {
    blocks.forEach((block, j) => {
      if (i !== shortBlockLength - eccLength || j >= shortBlocks) result.push(block[i] ?? 0);
    });
  }
  return result;
}

const MASKS: readonly ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/** The module grid being drawn, with a record of which modules are function patterns. */
class QrSymbol {
  readonly size: number;
  readonly modules: boolean[][];
  readonly isFunction: boolean[][];

  constructor(readonly version: number) {
    this.size = version * 4 + 17;
    this.modules = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
    this.isFunction = Array.from({ length: this.size }, () => new Array<boolean>(this.size).fill(false));
  }

  drawFunctionPatterns(): void {
    for (let i = 0; i < this.size; i++) {
      this.setFunction(6, i, i % 2 === 0);
      this.setFunction(i, 6, i % 2 === 0);
    }
    this.drawFinder(3, 3);
    this.drawFinder(this.size - 4, 3);
    this.drawFinder(3, this.size - 4);
    const positions = alignmentPositions(this.version);
    const last = positions.length - 1;
    positions.forEach((y, i) =>
      positions.forEach((x, j) => {
        // The three corners hold finder patterns instead.
        if (!((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0))) this.drawAlignment(x, y);
      }),
    );
    this.drawFormatBits('L', 0); // reserves the area; the real bits come with the mask
    this.drawVersion();
  }

  /** Places data bits in two-column strips, right to left, alternately upwards and downwards. */
  drawCodewords(codewords: readonly number[]): void {
    let bit = 0;
    const totalBits = codewords.length * 8;
    for (let right = this.size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5; // skip the vertical timing pattern
      const upward = ((right + 1) & 2) === 0;
      for (let vertical = 0; vertical < this.size; vertical++) {
        const y = upward ? this.size - 1 - vertical : vertical;
        for (let j = 0; j < 2; j++) {
          const x = right - j;
          if (this.isFunction[y]?.[x] || bit >= totalBits) continue;
          this.set(x, y, (((codewords[bit >>> 3] ?? 0) >>> (7 - (bit & 7))) & 1) === 1);
          bit++;
        }
      }
    }
  }

  /** Tries every mask, keeps the one whose symbol is easiest to scan, and writes its format bits. */
  applyBestMask(level: ErrorCorrectionLevel): number {
    let best = 0;
    let bestPenalty = Infinity;
    for (let mask = 0; mask < MASKS.length; mask++) {
      this.applyMask(mask);
      this.drawFormatBits(level, mask);
      const score = penalty(this.modules);
      if (score < bestPenalty) {
        best = mask;
        bestPenalty = score;
      }
      this.applyMask(mask); // XOR again undoes it
    }
    this.applyMask(best);
    this.drawFormatBits(level, best);
    return best;
  }

  private applyMask(mask: number): void {
    const condition = MASKS[mask] ?? MASKS[0];
    for (let y = 0; y < this.size; y++) {
      for (let x = 0; x < this.size; x++) {
        if (!this.isFunction[y]?.[x] && condition?.(x, y)) this.set(x, y, !this.modules[y]?.[x]);
      }
    }
  }

  /** Level and mask, BCH(15,5)-protected, drawn twice around the finder patterns. */
  private drawFormatBits(level: ErrorCorrectionLevel, mask: number): void {
    const bits = formatInformation(level, mask);
    const bitAt = (i: number) => ((bits >>> i) & 1) === 1;
    for (let i = 0; i <= 5; i++) this.setFunction(8, i, bitAt(i));
    this.setFunction(8, 7, bitAt(6));
    this.setFunction(8, 8, bitAt(7));
    this.setFunction(7, 8, bitAt(8));
    for (let i = 9; i < 15; i++) this.setFunction(14 - i, 8, bitAt(i));
    for (let i = 0; i < 8; i++) this.setFunction(this.size - 1 - i, 8, bitAt(i));
    for (let i = 8; i < 15; i++) this.setFunction(8, this.size - 15 + i, bitAt(i));
    this.setFunction(8, this.size - 8, true); // the dark module
  }

  /** From version 7 on, the version number, BCH(18,6)-protected, in two 6×3 blocks. */
  private drawVersion(): void {
    if (this.version < 7) return;
    const bits = versionInformation(this.version);
    for (let i = 0; i < 18; i++) {
      const dark = ((bits >>> i) & 1) === 1;
      const a = this.size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      this.setFunction(a, b, dark);
      this.setFunction(b, a, dark);
    }
  }

  private drawFinder(cx: number, cy: number): void {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const ring = Math.max(Math.abs(dx), Math.abs(dy));
        const [x, y] = [cx + dx, cy + dy];
        // Ring 4 is the light separator; ring 2 the light band inside the frame.
        if (x >= 0 && x < this.size && y >= 0 && y < this.size) this.setFunction(x, y, ring !== 2 && ring !== 4);
      }
    }
  }

  private drawAlignment(cx: number, cy: number): void {
    for (let dy = -2; dy <= 2; dy++) {
      for (let dx = -2; dx <= 2; dx++) this.setFunction(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }
  }

  private setFunction(x: number, y: number, dark: boolean): void {
    this.set(x, y, dark);
    const row = this.isFunction[y];
    if (row) row[x] = true;
  }

  private set(x: number, y: number, dark: boolean): void {
    const row = this.modules[y];
    if (row) row[x] = dark;
  }
}

/** The 15 format bits: level and mask, a BCH(15,5) remainder, XOR-masked with 0x5412. */
export function formatInformation(level: ErrorCorrectionLevel, mask: number): number {
  const data = (FORMAT_BITS[level] << 3) | mask;
  let remainder = data;
  for (let i = 0; i < 10; i++) remainder = (remainder << 1) ^ ((remainder >>> 9) * 0x537);
  return ((data << 10) | remainder) ^ 0x5412;
}

/** The 18 version bits: the version and a BCH(18,6) remainder. */
export function versionInformation(version: number): number {
  let remainder = version;
  for (let i = 0; i < 12; i++) remainder = (remainder << 1) ^ ((remainder >>> 11) * 0x1f25);
  return (version << 12) | remainder;
}

/** Which modules are function patterns (finders, timing, alignment, format, version) in a version. */
export function functionModules(version: number): boolean[][] {
  const symbol = new QrSymbol(version);
  symbol.drawFunctionPatterns();
  return symbol.isFunction;
}

/**
 * ISO/IEC 18004's mask penalty: long runs of one colour, 2×2 blocks, finder-like
 * patterns and an unbalanced share of dark modules each make a symbol harder to scan.
 */
function penalty(modules: readonly (readonly boolean[])[]): number {
  const size = modules.length;
  let score = 0;
  const lines: boolean[][] = [];
  for (let i = 0; i < size; i++) {
    lines.push([...(modules[i] ?? [])]);
    lines.push(modules.map((row) => row[i] ?? false));
  }
  for (const line of lines) {
    let run = 1;
    for (let i = 1; i <= line.length; i++) {
      if (i < line.length && line[i] === line[i - 1]) {
        run++;
        continue;
      }
      if (run >= 5) score += 3 + (run - 5);
      run = 1;
    }
    // Outside the symbol counts as light, as the quiet zone is.
    const padded = `0000${line.map((dark) => (dark ? '1' : '0')).join('')}0000`;
    for (const pattern of ['00001011101', '10111010000']) {
      for (let at = padded.indexOf(pattern); at !== -1; at = padded.indexOf(pattern, at + 1)) score += 40;
    }
  }
  let dark = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const here = modules[y]?.[x] ?? false;
      if (here) dark++;
      if (x + 1 < size && y + 1 < size && here === modules[y]?.[x + 1] && here === modules[y + 1]?.[x] && here === modules[y + 1]?.[x + 1]) score += 3;
    }
  }
  const total = size * size;
  score += (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1) * 10;
  return score;
}
