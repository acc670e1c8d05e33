import type { ExchangeTokenClaims, UserAccounts } from '@mosaic/exchange-domain';
import { unauthorized } from '@mosaic/kit-core';
import { parse as parseCookies } from 'cookie';
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';

/** The cookie the gitbitex client relies on: it sends no Authorization header. */
export const ACCESS_TOKEN_COOKIE = 'accessToken';

export function setSessionCookie(req: Request, res: Response, token: string, maxAgeSeconds: number): void {
  // HttpOnly keeps it from scripts; SameSite=Lax keeps other sites' requests from carrying it (CSRF).
  res.cookie(ACCESS_TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: maxAgeSeconds * 1000 });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(ACCESS_TOKEN_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

export function tokenFromCookie(header: string | undefined): string | undefined {
  return header ? parseCookies(header)[ACCESS_TOKEN_COOKIE] || undefined : undefined;
}

/** The token a request carries: the cookie first (the client's way), else `Authorization: Bearer`. */
export function presentedToken(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  const cookie = tokenFromCookie(req.headers.cookie);
  if (cookie !== undefined) return cookie;
  const authorization = req.headers.authorization;
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return match?.[1];
}

/**
 * Who is calling, or undefined when signed out. A token that no longer verifies
 * is "signed out" too, never a 401 on its own: the client answers a 401 by going
 * to sign-in, which asks again.
 */
export async function identify(users: UserAccounts, req: Pick<IncomingMessage, 'headers'>): Promise<ExchangeTokenClaims | undefined> {
  const token = presentedToken(req);
  if (token === undefined) return undefined;
  try {
    return await users.verifier.verify(token);
  } catch {
    return undefined;
  }
}

/** Who is calling; a 401 when signed out. */
export async function signedIn(users: UserAccounts, req: Pick<IncomingMessage, 'headers'>): Promise<ExchangeTokenClaims> {
  const claims = await identify(users, req);
  if (claims === undefined) throw unauthorized('unauthenticated', 'Sign in first');
  return claims;
}
