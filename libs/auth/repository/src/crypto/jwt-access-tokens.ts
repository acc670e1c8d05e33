import { randomUUID } from 'node:crypto';
import type { AccessTokenClaims, AccessTokenIssuer, AccessTokenSubject, IssuedAccessToken, TokenVerifier } from '@mosaic/auth-domain';
import type { Clock } from '@mosaic/kit-core';
import { SignJWT, type JSONWebKeySet } from 'jose';
import { ACCESS_TOKEN_TYPE, JwtTokenVerifier } from './jwt-token-verifier';
import type { SigningKeys } from './signing-keys';

export interface JwtAccessTokenOptions {
  keys: SigningKeys;
  /** `iss`: who minted the token, checked exactly on verification. */
  issuer: string;
  /** `aud`: who the token is for, checked exactly on verification. */
  audience: string;
  ttlSeconds: number;
  clock: Clock;
  /** Allowed drift between the clocks of the issuer and a verifier; default 5 s. */
  clockToleranceSeconds?: number;
}

/**
 * Access tokens as signed JWTs (header `typ: at+jwt`, `kid` of the signing key), and
 * their verification in the same process against every configured verification key.
 */
export class JwtAccessTokens implements AccessTokenIssuer, TokenVerifier {
  private readonly verifier: JwtTokenVerifier;

  constructor(private readonly options: JwtAccessTokenOptions) {
    if (!Number.isSafeInteger(options.ttlSeconds) || options.ttlSeconds < 1) {
      throw new RangeError(`access token TTL must be a positive whole number of seconds, got ${options.ttlSeconds}`);
    }
    this.verifier = new JwtTokenVerifier({
      keys: { jwks: this.jwks() },
      issuer: options.issuer,
      audience: options.audience,
      clock: options.clock,
      clockToleranceSeconds: options.clockToleranceSeconds,
    });
  }

  async issue(user: AccessTokenSubject, sessionId: string): Promise<IssuedAccessToken> {
    const { signing } = this.options.keys;
    const issuedAt = Math.floor(this.options.clock.nowMs() / 1000);
    const expiresAt = issuedAt + this.options.ttlSeconds;
    const token = await new SignJWT({ email: user.email, roles: [...user.roles], sid: sessionId })
      .setProtectedHeader({ alg: signing.alg, kid: signing.kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(user.id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(signing.privateKey);
    return { token, expiresAt: new Date(expiresAt * 1000), expiresInSeconds: this.options.ttlSeconds };
  }

  verify(accessToken: string): Promise<AccessTokenClaims> {
    return this.verifier.verify(accessToken);
  }

  /** The public keys as a JSON Web Key Set, for services that verify tokens themselves. */
  jwks(): JSONWebKeySet {
    return { keys: this.options.keys.verification.map((key) => ({ ...key.publicJwk })) };
  }
}
