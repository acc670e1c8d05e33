import { accessTokenExpired, unauthenticated, type AccessTokenClaims, type TokenVerifier } from '@mosaic/auth-domain';
import { isAppError } from '@mosaic/kit-core';
import { principalOf, setPrincipal, type Principal } from '@mosaic/kit-http';
import type { Request, RequestHandler, Response } from 'express';
import { clearAccessTokenCookie, type CookieOptions } from './access-token-cookie';
import { presentedToken } from './token-sources';

export interface AuthenticateOptions {
  /** How the access token cookie was set, so a rejected one can be cleared. */
  cookie?: CookieOptions;
}

export function principalFromClaims(claims: AccessTokenClaims): Principal {
  return { id: claims.userId, email: claims.email, roles: claims.roles };
}

/**
 * Global and optional: a request with a valid access token gets its principal (read it
 * with kit-http's `requirePrincipal`); one with an invalid or expired token gets a
 * 401 naming why; one with no token passes untouched, for public routes.
 */
export function authenticate(verifier: TokenVerifier, options: AuthenticateOptions = {}): RequestHandler {
  return async (req, res, next) => {
    if (principalOf(req)) return next();
    const presented = presentedToken(req.headers);
    if (!presented) return next();
    try {
      setPrincipal(req, principalFromClaims(await verifier.verify(presented.token)));
      next();
    } catch (error) {
      next(rejected(req, res, error, presented.source === 'cookie', options));
    }
  };
}

/** For routes that need a user: the same as `authenticate`, but no token is a 401 too. */
export function requireAuth(verifier: TokenVerifier, options: AuthenticateOptions = {}): RequestHandler {
  const optional = authenticate(verifier, options);
  return (req, res, next) => {
    optional(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (principalOf(req)) return next();
      res.setHeader('WWW-Authenticate', 'Bearer');
      next(unauthenticated());
    });
  };
}

function rejected(req: Request, res: Response, error: unknown, fromCookie: boolean, options: AuthenticateOptions): unknown {
  if (!isAppError(error) || error.status !== 401) return error;
  // A stale cookie would otherwise fail every request until the browser drops it.
  if (fromCookie) clearAccessTokenCookie(req, res, options.cookie);
  const description = error.code === accessTokenExpired().code ? 'The access token expired' : 'The access token is invalid';
  res.setHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${description}"`);
  return error;
}
