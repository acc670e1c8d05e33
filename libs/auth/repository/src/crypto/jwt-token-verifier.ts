import { accessTokenExpired, invalidAccessToken, type AccessTokenClaims, type TokenVerifier } from '@mosaic/auth-domain';
import { systemClock, type Clock } from '@mosaic/kit-core';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { SigningAlgorithm } from './signing-keys';

/** RFC 9068's media type for access tokens, so no other JWT signed with the same key passes as one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** Far above any token this issuer mints; longer input is rejected before parsing. */
const MAX_TOKEN_LENGTH = 4096;
const REQUIRED_CLAIMS = ['iss', 'aud', 'sub', 'exp', 'iat', 'jti', 'sid'];
const ASYMMETRIC: readonly SigningAlgorithm[] = ['EdDSA', 'ES256', 'RS256'];

export interface JwtTokenVerifierOptions {
  /** The public keys: a key set in hand, or the auth service's `/api/v1/auth/jwks.json` (fetched and cached by jose). */
  keys: { jwks: JSONWebKeySet } | { jwksUrl: URL };
  issuer: string;
  audience: string;
  clock?: Clock;
  /** Allowed drift between the issuer's clock and this one; default 5 s. */
  clockToleranceSeconds?: number;
}

/**
 * Verifies access tokens with public keys only: what a service that is not auth uses
 * to authenticate requests without calling auth. The accepted algorithms are pinned
 * to asymmetric ones (and, for a local key set, to those of its keys), so `alg: none`
 * or an HMAC keyed with a public key never verify; issuer, audience, type and expiry
 * are all required and checked.
 */
export class JwtTokenVerifier implements TokenVerifier {
  private readonly keySet: ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;
  private readonly algorithms: string[];
  private readonly clock: Clock;
  private readonly clockTolerance: number;

  constructor(private readonly options: JwtTokenVerifierOptions) {
    if (!options.issuer || !options.audience) throw new Error('token verification needs an issuer and an audience');
    if ('jwks' in options.keys) {
      const algorithms = options.keys.jwks.keys.map((key) => key.alg as SigningAlgorithm);
      const unsupported = algorithms.findIndex((alg) => !ASYMMETRIC.includes(alg));
      if (algorithms.length === 0 || unsupported !== -1) {
        const got = algorithms.length === 0 ? 'no keys' : String(algorithms[unsupported]);
        throw new Error(`verification keys must each declare one of ${ASYMMETRIC.join(', ')} as alg; got ${got}`);
      }
      this.keySet = createLocalJWKSet(options.keys.jwks);
      this.algorithms = [...new Set(algorithms)];
    } else {
      this.keySet = createRemoteJWKSet(options.keys.jwksUrl);
      this.algorithms = [...ASYMMETRIC];
    }
    this.clock = options.clock ?? systemClock;
    this.clockTolerance = options.clockToleranceSeconds ?? 5;
  }

  async verify(accessToken: string): Promise<AccessTokenClaims> {
    if (typeof accessToken !== 'string' || accessToken.length === 0 || accessToken.length > MAX_TOKEN_LENGTH) {
      throw invalidAccessToken();
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(accessToken, this.keySet, {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: REQUIRED_CLAIMS,
        currentDate: this.clock.now(),
        clockTolerance: this.clockTolerance,
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw accessTokenExpired();
      throw invalidAccessToken(error);
    }
    return claimsOf(payload);
  }
}

function claimsOf(payload: JWTPayload): AccessTokenClaims {
  const { sub, email, roles, sid, iat, exp } = payload as JWTPayload & { email?: unknown; roles?: unknown; sid?: unknown };
  const valid =
    typeof sub === 'string' &&
    sub.length > 0 &&
    typeof email === 'string' &&
    Array.isArray(roles) &&
    roles.every((role) => typeof role === 'string') &&
    typeof sid === 'string' &&
    typeof iat === 'number' &&
    typeof exp === 'number';
  // Signed by a trusted key yet malformed means a key or issuer mix-up; refuse rather than guess.
  if (!valid) throw invalidAccessToken();
  return {
    userId: sub,
    email,
    roles: roles as string[],
    sessionId: sid,
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
  };
}
