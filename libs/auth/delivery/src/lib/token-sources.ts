import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie } from 'cookie';

/** The cookie browsers carry the access token in; login and refresh set it, logout clears it. */
export const ACCESS_TOKEN_COOKIE = 'accessToken';

export type TokenSource = 'header' | 'cookie' | 'query';

export interface PresentedToken {
  token: string;
  source: TokenSource;
}

const BEARER = /^Bearer(?:[ \t]+(.*))?$/i;

/**
 * The access token a request carries: `Authorization: Bearer` first (an explicit
 * client choice), then the cookie, then, only where allowed (WebSocket upgrades,
 * since browsers cannot set headers there), the `token` query parameter. Another
 * Authorization scheme is none of ours and is left alone.
 */
export function presentedToken(
  headers: IncomingHttpHeaders,
  options: { cookieName?: string; url?: string; allowQuery?: boolean } = {},
): PresentedToken | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = BEARER.exec(authorization.trim());
    // "Bearer" with nothing after it is still a claim to be authenticated: an empty token fails verification.
    if (match) return { token: (match[1] ?? '').trim(), source: 'header' };
  }
  const cookie = cookieValue(headers.cookie, options.cookieName ?? ACCESS_TOKEN_COOKIE);
  if (cookie !== undefined) return { token: cookie, source: 'cookie' };
  if (options.allowQuery && options.url) {
    const token = queryToken(options.url);
    if (token !== undefined) return { token, source: 'query' };
  }
  return undefined;
}

/** The first cookie of that name (the most specific path, as browsers order them), decoded. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  return parseCookie(header, { decode: lenientDecode })[name];
}

/** Quotes around a value are not part of it; invalid percent-encoding is taken as it is rather than dropped. */
function lenientDecode(raw: string): string {
  const value = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function queryToken(url: string): string | undefined {
  try {
    return new URL(url, 'http://localhost').searchParams.get('token') ?? undefined;
  } catch {
    return undefined;
  }
}
