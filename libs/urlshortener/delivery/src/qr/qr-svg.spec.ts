import { describe, expect, it } from 'vitest';
import { encodeQr } from './qr-code';
import { qrCodeSvg } from './qr-svg';

describe('qrCodeSvg', () => {
  it('draws every dark module once, inside a quiet zone', () => {
    const code = encodeQr('https://sho.rt/aZ3kQ9x');
    const svg = qrCodeSvg(code, 'https://sho.rt/aZ3kQ9x');
    expect(svg).toMatch(new RegExp(`^<svg [^>]*viewBox="0 0 ${code.size + 8} ${code.size + 8}"`));
    const drawn = [...svg.matchAll(/M(\d+) (\d+)h(\d+)/g)].reduce((sum, match) => sum + Number(match[3]), 0);
    const dark = code.modules.flat().filter(Boolean).length;
    expect(drawn).toBe(dark);
    const xs = [...svg.matchAll(/M(\d+) (\d+)h/g)].map((match) => Number(match[1]));
    expect(Math.min(...xs)).toBe(4);
  });

  it('escapes its title', () => {
    expect(qrCodeSvg(encodeQr('x'), '<a&b>')).toContain('<title>&lt;a&amp;b&gt;</title>');
  });
});
