import { describe, expect, it } from 'vitest';
import { scanQrSvg } from '../test-support/scan-qr-svg';
import { qrCodeSvg } from './qr-svg';

describe('qrCodeSvg', () => {
  it.each(['https://sho.rt/aZ3kQ9x', `https://links.example.org/${'a'.repeat(120)}`])(
    'draws a code that an independent decoder reads back: %s',
    async (url) => {
      expect(scanQrSvg(await qrCodeSvg(url, url))).toBe(url);
    },
  );

  it('keeps a quiet zone of four modules around the symbol', async () => {
    const svg = await qrCodeSvg('https://sho.rt/aZ3kQ9x', 'x');
    const runs = /stroke="#000000" d="([^"]+)"/.exec(svg)![1]!;
    const starts = [...runs.matchAll(/M(\d+) ([\d.]+)/g)].map((match) => [Number(match[1]), Number(match[2])]);
    expect(Math.min(...starts.map(([x]) => x!))).toBe(4);
    expect(Math.min(...starts.map(([, y]) => y!))).toBe(4.5);
  });

  it('titles the image for screen readers, escaped', async () => {
    const svg = await qrCodeSvg('x', '<a&b>');
    expect(svg).toMatch(/^<svg [^>]*role="img"><title>&lt;a&amp;b&gt;<\/title>/);
  });
});
