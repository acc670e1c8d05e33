import { formatInformation, functionModules } from '../qr/qr-code';
import { ECC_CODEWORDS_PER_BLOCK, ERROR_CORRECTION_BLOCKS, rawDataModules, type ErrorCorrectionLevel } from '../qr/qr-tables';

/** GF(256) arithmetic by log tables: a second implementation, independent of the encoder's. */
const EXP = new Array<number>(512);
const LOG = new Array<number>(256);
{
  let value = 1;
  for (let i = 0; i < 255; i++) {
    EXP[i] = value;
    LOG[value] = i;
    value <<= 1;
    if (value & 0x100) value ^= 0x11d;
  }
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255]!;
}
const multiply = (a: number, b: number) => (a === 0 || b === 0 ? 0 : EXP[LOG[a]! + LOG[b]!]!);

/** c(α^i) for a codeword read highest power first; all zero means no error. */
function syndromes(codeword: readonly number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => codeword.reduce((acc, byte) => multiply(acc, EXP[i]!) ^ byte, 0));
}

export interface DecodedQr {
  text: string;
  version: number;
  level: ErrorCorrectionLevel;
  mask: number;
}

const MASKS: ((x: number, y: number) => boolean)[] = [
  (x, y) => (x + y) % 2 === 0,
  (_x, y) => y % 2 === 0,
  (x) => x % 3 === 0,
  (x, y) => (x + y) % 3 === 0,
  (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
  (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
  (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
  (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
];

/**
 * Reads a byte-mode QR code back the way a scanner does: format information from
 * both copies, unmask, collect the zigzag, de-interleave, check every block's
 * Reed–Solomon syndromes, and parse the data segment. Throws on any inconsistency.
 */
export function decodeQr(modules: readonly (readonly boolean[])[]): DecodedQr {
  const size = modules.length;
  const version = (size - 17) / 4;
  const dark = (x: number, y: number) => modules[y]![x]!;

  const readBits = (positions: [number, number][]) => positions.reduce((bits, [x, y], i) => bits | (Number(dark(x, y)) << i), 0);
  const first = readBits([
    ...Array.from({ length: 6 }, (_, i): [number, number] => [8, i]),
    [8, 7],
    [8, 8],
    [7, 8],
    ...Array.from({ length: 6 }, (_, i): [number, number] => [14 - (i + 9), 8]),
  ]);
  const second = readBits([
    ...Array.from({ length: 8 }, (_, i): [number, number] => [size - 1 - i, 8]),
    ...Array.from({ length: 7 }, (_, i): [number, number] => [8, size - 15 + i + 8]),
  ]);
  if (first !== second) throw new Error('the two copies of the format information differ');
  let level: ErrorCorrectionLevel | undefined;
  let mask = -1;
  for (const candidate of ['L', 'M', 'Q', 'H'] as const) {
    for (let m = 0; m < 8; m++) {
      if (formatInformation(candidate, m) === first) [level, mask] = [candidate, m];
    }
  }
  if (!level) throw new Error(`format information ${first.toString(2)} is not a valid codeword`);
  if (!dark(8, size - 8)) throw new Error('the dark module is missing');

  const reserved = functionModules(version);
  const bits: number[] = [];
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upward = ((right + 1) & 2) === 0;
    for (let vertical = 0; vertical < size; vertical++) {
      const y = upward ? size - 1 - vertical : vertical;
      for (const x of [right, right - 1]) {
        if (!reserved[y]![x]) bits.push(Number(dark(x, y) !== MASKS[mask]!(x, y)));
      }
    }
  }
  const total = Math.floor(rawDataModules(version) / 8);
  const codewords = Array.from({ length: total }, (_, i) => bits.slice(i * 8, i * 8 + 8).reduce((byte, bit) => (byte << 1) | bit, 0));

  const blockCount = ERROR_CORRECTION_BLOCKS[level][version]!;
  const eccLength = ECC_CODEWORDS_PER_BLOCK[level][version]!;
  const shortBlocks = blockCount - (total % blockCount);
  const shortData = Math.floor(total / blockCount) - eccLength;
  const dataLengths = Array.from({ length: blockCount }, (_, i) => shortData + (i < shortBlocks ? 0 : 1));
  const blocks: number[][] = dataLengths.map(() => []);
  let next = 0;
  for (let i = 0; i < shortData + 1; i++) {
    for (let b = 0; b < blockCount; b++) if (i < dataLengths[b]!) blocks[b]!.push(codewords[next++]!);
  }
  for (let i = 0; i < eccLength; i++) for (const block of blocks) block.push(codewords[next++]!);
  for (const block of blocks) {
    if (syndromes(block, eccLength).some((s) => s !== 0)) throw new Error('a block fails its Reed–Solomon check');
  }

  const data = blocks.flatMap((block, b) => block.slice(0, dataLengths[b]));
  const dataBits = data.flatMap((byte) => Array.from({ length: 8 }, (_, i) => (byte >>> (7 - i)) & 1));
  let at = 0;
  const take = (length: number) => {
    const value = dataBits.slice(at, at + length).reduce((acc, bit) => (acc << 1) | bit, 0);
    at += length;
    return value;
  };
  if (take(4) !== 0b0100) throw new Error('not a byte-mode segment');
  const length = take(version < 10 ? 8 : 16);
  const bytes = Uint8Array.from({ length }, () => take(8));
  return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), version, level, mask };
}
