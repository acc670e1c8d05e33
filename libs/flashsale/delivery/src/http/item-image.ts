import { createHash } from 'node:crypto';
import { parseItemId } from '@mosaic/flashsale-domain';

const SHAPES = [
  (c: string) => `<circle cx="60" cy="56" r="30" fill="${c}"/>`,
  (c: string) => `<rect x="30" y="26" width="60" height="60" rx="10" fill="${c}"/>`,
  (c: string) => `<polygon points="60,22 94,86 26,86" fill="${c}"/>`,
  (c: string) => `<path d="M60 88 L28 54 A18 18 0 0 1 60 32 A18 18 0 0 1 92 54 Z" fill="${c}"/>`,
];

/** A small picture generated from the item id: the same id always draws the same image. */
export function itemImageSvg(itemId: string): string {
  const digest = createHash('sha256').update(itemId).digest();
  const hue = digest.readUInt16BE(0) % 360;
  const background = `hsl(${hue} 70% 90%)`;
  const foreground = `hsl(${(hue + 150) % 360} 55% 45%)`;
  const shape = SHAPES[(digest[2] as number) % SHAPES.length] as (color: string) => string;
  const label = String((parseItemId(itemId)?.index ?? 0) + 1);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120" width="120" height="120" role="img" aria-label="Item ${label}"><rect width="120" height="120" fill="${background}"/>${shape(foreground)}<text x="60" y="110" font-family="sans-serif" font-size="14" text-anchor="middle" fill="#333">#${label}</text></svg>`;
}
