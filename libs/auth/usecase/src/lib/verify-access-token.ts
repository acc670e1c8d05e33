import { sessionRevoked, type AccessTokenClaims, type SessionRevocations, type TokenVerifier } from '@mosaic/auth-domain';

export interface VerifyAccessTokenDeps {
  /** Checks signature, issuer, audience, type and expiry. */
  tokens: TokenVerifier;
  revocations: SessionRevocations;
}

/**
 * The TokenVerifier other domains get: a genuine, unexpired token is refused too when
 * its session ended (logout, a reused refresh token, a password change), so sessions
 * end when they end and not when their last access token expires.
 */
export class VerifyAccessToken implements TokenVerifier {
  constructor(private readonly deps: VerifyAccessTokenDeps) {}

  async verify(accessToken: string): Promise<AccessTokenClaims> {
    const claims = await this.deps.tokens.verify(accessToken);
    if (await this.deps.revocations.isRevoked(claims.sessionId)) throw sessionRevoked();
    return claims;
  }
}
