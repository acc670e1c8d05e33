import { sessionRevoked, type AccessTokenClaims, type SessionRevocations, type TokenVerifier } from '@mosaic/auth-domain';
import { systemClock, type Clock } from '@mosaic/kit-core';

export interface VerifyAccessTokenDeps {
  /** Checks signature, issuer, audience, type and expiry. */
  tokens: TokenVerifier;
  revocations: SessionRevocations;
  clock?: Clock;
}

/** Verified tokens remembered; beyond this many the memory starts over. */
const REMEMBERED_TOKENS = 10_000;

/**
 * The TokenVerifier other domains get: a genuine, unexpired token is refused too when
 * its session ended (logout, a reused refresh token, a password change), so sessions
 * end when they end and not when their last access token expires.
 *
 * A token's claims never change, so a verified one is remembered until it expires and
 * the next request with it skips the signature check: a browser sending its cookie
 * with every request pays for the signature once. The session check runs every time.
 */
export class VerifyAccessToken implements TokenVerifier {
  private readonly verified = new Map<string, AccessTokenClaims>();
  private readonly clock: Clock;

  constructor(private readonly deps: VerifyAccessTokenDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  async verify(accessToken: string): Promise<AccessTokenClaims> {
    const claims = this.remembered(accessToken) ?? (await this.verifySignature(accessToken));
    if (await this.deps.revocations.isRevoked(claims.sessionId)) throw sessionRevoked();
    return claims;
  }

  private remembered(accessToken: string): AccessTokenClaims | undefined {
    const claims = this.verified.get(accessToken);
    if (!claims) return undefined;
    if (claims.expiresAt.getTime() > this.clock.nowMs()) return claims;
    // Expired: the full check below answers with the precise error.
    this.verified.delete(accessToken);
    return undefined;
  }

  private async verifySignature(accessToken: string): Promise<AccessTokenClaims> {
    const claims = await this.deps.tokens.verify(accessToken);
    if (this.verified.size >= REMEMBERED_TOKENS) this.verified.clear();
    this.verified.set(accessToken, claims);
    return claims;
  }
}
