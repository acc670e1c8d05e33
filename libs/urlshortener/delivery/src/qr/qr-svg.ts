import { escapeHtml } from '@mosaic/kit-http';
import type { QrCode } from './qr-code';

/** Light modules around the symbol that scanners need to find it. */
const QUIET_ZONE = 4;

/**
 * The symbol as a scalable SVG: one path of horizontal runs per row, so a code of
 * a few hundred modules stays a few kilobytes and renders crisply at any size.
 */
export function qrCodeSvg(code: QrCode, title: string): string {
  const dimension = code.size + QUIET_ZONE * 2;
  let path = '';
  code.modules.forEach((row, y) => {
    for (let x = 0; x < row.length; ) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      path += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h-${x - start}z`;
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${dimension} ${dimension}" shape-rendering="crispEdges" role="img">` +
    `<title>${escapeHtml(title)}</title><rect width="${dimension}" height="${dimension}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`
  );
}
