import { accessTokenExpired, unauthenticated, type AccessTokenClaims, type TokenVerifier } from '@mosaic/auth-domain';
import { isAppError } from '@mosaic/kit-core';
import { principalOf, principalRejectionOf, setPrincipal, setPrincipalRejection, type Principal } from '@mosaic/kit-http';
import type { Request, RequestHandler, Response } from 'express';
import { clearAccessTokenCookie, type CookieOptions } from './access-token-cookie';
import { presentedToken } from './token-sources';

export interface AuthenticateOptions {
  /** How the access token cookie was set, so a rejected one can be cleared. */
  cookie?: CookieOptions;
}

const verifiedClaims = new WeakMap<Request, AccessTokenClaims>();

/** The claims behind the request's principal (its session id, for instance), when a token was verified. */
export function accessClaimsOf(req: Request): AccessTokenClaims | undefined {
  return verifiedClaims.get(req);
}

export function principalFromClaims(claims: AccessTokenClaims): Principal {
  return { id: claims.userId, email: claims.email, roles: claims.roles };
}

/**
 * Global and optional: a request with a valid access token gets its principal (read it
 * with kit-http's `requirePrincipal`). A request whose token is refused (expired,
 * revoked, forged) goes on, so a browser with a stale cookie still follows links and
 * sees public pages; a route that needs a principal answers 401 naming why, and so
 * does one that reads it optionally when the token came in the Authorization header
 * (an API client's deliberate claim, not a leftover cookie). Other failures (the
 * session store is down) are kept the same way: a 503 where the principal is read.
 */
export function authenticate(verifier: TokenVerifier, options: AuthenticateOptions = {}): RequestHandler {
  return async (req, res, next) => {
    if (principalRejectionOf(req) || principalOf(req)) return next();
    const presented = presentedToken(req.headers);
    if (!presented) return next();
    try {
      const claims = await verifier.verify(presented.token);
      verifiedClaims.set(req, claims);
      setPrincipal(req, principalFromClaims(claims));
    } catch (error) {
      // A header is the client's deliberate claim: wherever the principal is read, it gets the 401.
      setPrincipalRejection(req, rejected(req, res, error, presented.source === 'cookie', options), { strict: presented.source !== 'cookie' });
    }
    next();
  };
}

/** For routes that need a user: the same as `authenticate`, then a 401 (with its challenge) without a principal. */
export function requireAuth(verifier: TokenVerifier, options: AuthenticateOptions = {}): RequestHandler {
  const optional = authenticate(verifier, options);
  return (req, res, next) => {
    optional(req, res, (error?: unknown) => {
      if (error) return next(error);
      const rejection = principalRejectionOf(req);
      if (!rejection && principalOf(req)) return next();
      if (rejection && isAppError(rejection) && rejection.status === 401) {
        const description = rejection.code === accessTokenExpired().code ? 'The access token expired' : 'The access token is invalid';
        res.setHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${description}"`);
        return next(rejection);
      }
      if (rejection) return next(rejection);
      res.setHeader('WWW-Authenticate', 'Bearer');
      next(unauthenticated());
    });
  };
}

function rejected(req: Request, res: Response, error: unknown, fromCookie: boolean, options: AuthenticateOptions): Error {
  // A refused cookie would otherwise ride along on every request until the browser drops it.
  if (fromCookie && isAppError(error) && error.status === 401) clearAccessTokenCookie(req, res, options.cookie);
  return error instanceof Error ? error : new Error(String(error));
}
