import { stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import { ACCESS_TOKEN_COOKIE } from './token-sources';

export interface CookieOptions {
  /** `Secure` flag; default: set when the request arrived over HTTPS (honouring `trust proxy`, i.e. X-Forwarded-Proto behind TRUST_PROXY). */
  secure?: boolean;
  /** Default "/", so every domain's routes receive it. */
  path?: string;
  domain?: string;
}

/**
 * HttpOnly so scripts (and XSS) cannot read it; SameSite=Lax so other sites' forms and
 * fetches do not carry it, which is the CSRF defence for cookie-authenticated writes;
 * Max-Age equal to the token's life so browsers drop it when it expires.
 */
export function setAccessTokenCookie(req: Request, res: Response, token: string, maxAgeSeconds: number, options: CookieOptions = {}): void {
  res.append('Set-Cookie', accessTokenCookie(req, token, maxAgeSeconds, options));
}

/** The same cookie, empty and already expired, so the browser deletes it. */
export function clearAccessTokenCookie(req: Request, res: Response, options: CookieOptions = {}): void {
  res.append('Set-Cookie', accessTokenCookie(req, '', 0, { ...options, expired: true }));
}

function accessTokenCookie(req: Request, value: string, maxAgeSeconds: number, options: CookieOptions & { expired?: boolean }): string {
  return stringifySetCookie(ACCESS_TOKEN_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure ?? req.secure,
    path: options.path ?? '/',
    domain: options.domain,
    ...(options.expired ? { expires: new Date(0) } : { maxAge: maxAgeSeconds }),
  });
}
