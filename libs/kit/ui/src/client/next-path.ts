/**
 * Where to go after signing in: the `next` path when it stays on this origin, else
 * home. Refuses absolute and protocol-relative URLs ("//evil", "/\\evil") and
 * anything that would leave the site, so the sign-in page is no open redirect.
 */
export function safeNextPath(next: string | null | undefined, origin: string, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  try {
    const url = new URL(next, origin);
    if (url.origin !== origin) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
