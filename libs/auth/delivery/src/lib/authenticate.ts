import { accessTokenExpired, unauthenticated, type AccessTokenClaims, type TokenVerifier } from '@mosaic/auth-domain';
import { isAppError } from '@mosaic/kit-core';
import {
  deferPrincipal,
  principalOf,
  principalRejectionOf,
  resolvePrincipal,
  setPrincipal,
  setPrincipalRejection,
  type Principal,
  type PrincipalResolver,
} from '@mosaic/kit-http';
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
 * The check itself: verifies the presented token (signature, expiry, ended session)
 * and records the principal, or why the token was refused. A request whose token is
 * refused (expired, revoked, forged) goes on, so a browser with a stale cookie still
 * uses routes where signing in is optional (and is told to drop the cookie); a route
 * that needs a principal answers 401 naming why, and so does one that reads it
 * optionally when the token came in the Authorization header (an API client's
 * deliberate claim, not a leftover cookie). Other failures (the session store is
 * down) are kept the same way: a 503 where the principal is read.
 */
function tokenCheck(verifier: TokenVerifier, options: AuthenticateOptions): PrincipalResolver {
  return async (req, res) => {
    const presented = presentedToken(req.headers);
    if (!presented) return;
    try {
      const claims = await verifier.verify(presented.token);
      verifiedClaims.set(req, claims);
      setPrincipal(req, principalFromClaims(claims));
    } catch (error) {
      // A header is the client's deliberate claim: wherever the principal is read, it gets the 401.
      setPrincipalRejection(req, rejected(req, res, error, presented.source === 'cookie', options), { strict: presented.source !== 'cookie' });
    }
  };
}

/**
 * Global and optional, and free for routes that never read the principal: it only
 * notes how to check the request's token. Routes that read the principal (declared
 * with `principal`, or behind kit-http's `resolvePrincipal`) run the check, so the
 * redirect, pages, assets and probes never verify a signature nor ask the session
 * store, and a stale cookie never blocks them. Read the principal with kit-http's
 * `requirePrincipal` / `principalOf`.
 */
export function authenticate(verifier: TokenVerifier, options: AuthenticateOptions = {}): RequestHandler {
  const check = tokenCheck(verifier, options);
  return (req, _res, next) => {
    deferPrincipal(req, check);
    next();
  };
}

/** For routes that need a user: the check now, then a 401 (with its challenge) without a principal. */
export function requireAuth(verifier: TokenVerifier, options: AuthenticateOptions = {}): RequestHandler {
  const check = tokenCheck(verifier, options);
  return (req, res, next) => {
    deferPrincipal(req, check);
    resolvePrincipal(req, res, (error?: unknown) => {
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
