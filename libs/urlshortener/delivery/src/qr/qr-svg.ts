import { escapeHtml } from '@mosaic/kit-http';
import { toString as renderQr } from 'qrcode';

/** Light modules around the symbol that scanners need to find it. */
export const QUIET_ZONE = 4;

/**
 * The short URL as a scalable QR code, drawn by the `qrcode` library as SVG (one
 * path of runs per row, so it stays a few kilobytes and renders crisply at any
 * size), with a title for screen readers. Level M survives ~15 % damage.
 */
export async function qrCodeSvg(text: string, title: string): Promise<string> {
  const svg = await renderQr(text, { type: 'svg', errorCorrectionLevel: 'M', margin: QUIET_ZONE });
  return svg.trim().replace(/^<svg ([^>]*)>/, (_tag, attributes: string) => `<svg ${attributes} role="img"><title>${escapeHtml(title)}</title>`);
}
