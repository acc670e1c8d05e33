import type { Request, Response } from 'express';
import { ACCESS_TOKEN_COOKIE } from './token-sources';

export interface CookieOptions {
  /** `Secure` flag; default: set when the request arrived over HTTPS (honouring `trust proxy`). */
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
  res.cookie(ACCESS_TOKEN_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure ?? req.secure,
    path: options.path ?? '/',
    domain: options.domain,
    maxAge: maxAgeSeconds * 1000,
  });
}

export function clearAccessTokenCookie(req: Request, res: Response, options: CookieOptions = {}): void {
  res.clearCookie(ACCESS_TOKEN_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure ?? req.secure,
    path: options.path ?? '/',
    domain: options.domain,
  });
}
