import { Link, type CachedLink } from '@mosaic/urlshortener-domain';

/** Stored for a code known not to exist; never valid JSON, so it cannot be mistaken for a link. */
export const MISSING = '-';

interface EncodedLink {
  /** target URL */
  u: string;
  /** owner id, null when anonymous */
  o: string | null;
  /** created at, epoch ms */
  c: number;
  /** expires at, epoch ms, null for never */
  e: number | null;
}

/** Short keys: every cached link pays for them in memory. The code is the cache key. */
export function encodeCachedLink(found: CachedLink): string {
  if (found === null) return MISSING;
  const encoded: EncodedLink = { u: found.url, o: found.ownerId, c: found.createdAt.getTime(), e: found.expiresAt?.getTime() ?? null };
  return JSON.stringify(encoded);
}

export function decodeCachedLink(code: string, value: string): CachedLink {
  if (value === MISSING) return null;
  const encoded = JSON.parse(value) as EncodedLink;
  return Link.restore({
    code,
    url: encoded.u,
    ownerId: encoded.o,
    createdAt: new Date(encoded.c),
    expiresAt: encoded.e === null ? null : new Date(encoded.e),
  });
}
