import { describe, expect, it } from 'vitest';
import { decodeQr } from '../test-support/qr-decoder';
import { encodeQr, formatInformation, versionInformation } from './qr-code';
import { alignmentPositions, type ErrorCorrectionLevel } from './qr-tables';
import { errorCorrectionCodewords, generatorPolynomial } from './reed-solomon';

/** α^e in GF(256) with 0x11D, computed independently of the encoder. */
function alphaPower(exponent: number): number {
  let value = 1;
  for (let i = 0; i < exponent; i++) {
    value <<= 1;
    if (value & 0x100) value ^= 0x11d;
  }
  return value;
}

describe('Reed–Solomon', () => {
  it('builds the standard generator polynomial for 7 codewords', () => {
    // ISO/IEC 18004 Annex A: x^7 + α^87 x^6 + α^229 x^5 + α^146 x^4 + α^149 x^3 + α^238 x^2 + α^102 x + α^21
    expect(generatorPolynomial(7)).toEqual([87, 229, 146, 149, 238, 102, 21].map(alphaPower));
  });

  it('computes the published error correction of "HELLO WORLD" at 1-M', () => {
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
    expect(errorCorrectionCodewords(data, generatorPolynomial(10))).toEqual([196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
  });
});

describe('format and version information', () => {
  it.each([
    ['M', 0, 0b101010000010010],
    ['L', 0, 0b111011111000100],
    ['L', 7, 0b110100101110110],
    ['H', 0, 0b001011010001001],
  ] as const)('writes level %s with mask %i as the published bits', (level, mask, bits) => {
    expect(formatInformation(level, mask)).toBe(bits);
  });

  it.each([
    [7, 0b000111110010010100],
    [40, 0b101000110001101001],
  ])('writes version %i as the published bits', (version, bits) => {
    expect(versionInformation(version)).toBe(bits);
  });

  it('places alignment patterns where the standard does', () => {
    expect(alignmentPositions(1)).toEqual([]);
    expect(alignmentPositions(2)).toEqual([6, 18]);
    expect(alignmentPositions(7)).toEqual([6, 22, 38]);
    expect(alignmentPositions(32)).toEqual([6, 34, 60, 86, 112, 138]);
    expect(alignmentPositions(40)).toEqual([6, 30, 58, 86, 114, 142, 170]);
  });
});

describe('encodeQr', () => {
  it.each([
    ['L', 1, 17],
    ['M', 1, 14],
    ['Q', 1, 11],
    ['H', 1, 7],
    ['M', 2, 26],
    ['M', 5, 84],
    ['M', 10, 213],
    ['L', 40, 2953],
    ['H', 40, 1273],
  ] as const)('fits the published byte capacity at level %s, version %i (%i bytes)', (level, version, capacity) => {
    expect(encodeQr('a'.repeat(capacity), level).version).toBe(version);
    if (version < 40) expect(encodeQr('a'.repeat(capacity + 1), level).version).toBe(version + 1);
    else expect(() => encodeQr('a'.repeat(capacity + 1), level)).toThrow(RangeError);
  });

  it.each<[string, ErrorCorrectionLevel]>([
    ['https://sho.rt/aZ3kQ9x', 'M'],
    ['http://localhost:3000/Launch-2026', 'L'],
    ['https://example.com/', 'H'],
    ['https://bücher.example/straße — ünïcödé ✓', 'Q'],
    [`https://example.com/${'long-path/'.repeat(30)}`, 'M'],
    ['x'.repeat(1000), 'M'],
  ])('decodes back to %j at level %s', (text, level) => {
    const code = encodeQr(text, level);
    expect(decodeQr(code.modules)).toEqual({ text, version: code.version, level, mask: code.mask });
  });

  it('draws finder patterns in three corners, timing lines and the dark module', () => {
    const { modules, size } = encodeQr('https://sho.rt/aZ3kQ9x');
    const finder = ['1111111', '1000001', '1011101', '1011101', '1011101', '1000001', '1111111'];
    const read = (x0: number, y0: number) =>
      finder.map((_, dy) => Array.from({ length: 7 }, (_, dx) => (modules[y0 + dy]?.[x0 + dx] ? '1' : '0')).join(''));
    expect(read(0, 0)).toEqual(finder);
    expect(read(size - 7, 0)).toEqual(finder);
    expect(read(0, size - 7)).toEqual(finder);
    for (let i = 8; i < size - 8; i++) {
      expect(modules[6]?.[i]).toBe(i % 2 === 0);
      expect(modules[i]?.[6]).toBe(i % 2 === 0);
    }
    expect(modules[size - 8]?.[8]).toBe(true);
  });

  it('picks a mask, so results differ by content, and is deterministic', () => {
    const masks = new Set(Array.from({ length: 40 }, (_, i) => encodeQr(`https://sho.rt/code${i}`).mask));
    expect(masks.size).toBeGreaterThan(1);
    expect(encodeQr('same').modules).toEqual(encodeQr('same').modules);
  });
});
