import type { Request } from 'express';

/**
 * Where short links are reached: the configured public URL, or else the scheme
 * and host this request came in on (right for local use; set a public URL behind
 * a proxy or a CDN).
 */
export function shortUrlBaseResolver(publicUrl: string | undefined): (req: Request) => string {
  if (publicUrl !== undefined) {
    const base = new URL(publicUrl);
    const fixed = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
    return () => fixed;
  }
  return (req) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
