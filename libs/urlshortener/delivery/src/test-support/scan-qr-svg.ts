import jsQR from 'jsqr';

const PIXELS_PER_MODULE = 6;

/**
 * Scans a QR code SVG the way a phone would see it: its dark runs are painted into
 * an RGBA bitmap, which jsQR — an independent decoder — reads. Understands the path
 * the `qrcode` library draws (`M x y` / `m dx dy` moves, `h n` runs of dark modules).
 */
export function scanQrSvg(svg: string): string | undefined {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  const runs = /<path [^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg);
  if (!viewBox || !runs?.[1]) throw new Error('not a QR code SVG');
  const size = Number(viewBox[1]);
  const width = size * PIXELS_PER_MODULE;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  const paint = (moduleX: number, moduleY: number) => {
    for (let dy = 0; dy < PIXELS_PER_MODULE; dy++) {
      for (let dx = 0; dx < PIXELS_PER_MODULE; dx++) {
        const offset = ((moduleY * PIXELS_PER_MODULE + dy) * width + moduleX * PIXELS_PER_MODULE + dx) * 4;
        pixels.fill(0, offset, offset + 3);
      }
    }
  };
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of runs[1].matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (command === 'M') [x, y] = [Number(a), Number(b)];
    else if (command === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else {
      for (let i = 0; i < Number(a); i++) paint(x + i, Math.floor(y));
      x += Number(a);
    }
  }
  return jsQR(pixels, width, width)?.data;
}
