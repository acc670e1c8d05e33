import {
  refreshTokenExpiry,
  type AccessTokenIssuer,
  type RefreshTokenRepository,
  type RefreshTokenSecrets,
  type RotationOutcome,
  type StoredRefreshToken,
  type User,
} from '@mosaic/auth-domain';
import type { Clock, IdGenerator } from '@mosaic/kit-core';

/** What a client holds after signing in or refreshing. */
export interface SessionTokens {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  tokenType: 'Bearer';
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

export interface SessionIssuerOptions {
  accessTokens: AccessTokenIssuer;
  refreshTokens: RefreshTokenRepository;
  secrets: RefreshTokenSecrets;
  ids: IdGenerator;
  clock: Clock;
  refreshTtlSeconds: number;
  sessionMaxAgeSeconds: number;
}

/** Starts sessions (a new refresh token family) and continues them (rotation); shared by login and refresh. */
export class SessionIssuer {
  constructor(private readonly options: SessionIssuerOptions) {
    for (const name of ['refreshTtlSeconds', 'sessionMaxAgeSeconds'] as const) {
      const value = options[name];
      if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive whole number, got ${value}`);
    }
  }

  async start(user: User): Promise<SessionTokens> {
    const now = this.options.clock.now();
    const family = {
      id: this.options.ids.next(),
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.options.sessionMaxAgeSeconds * 1000),
      revokedAt: null,
      revokedReason: null,
    };
    const { secret, hash } = this.options.secrets.generate();
    const first = {
      hash,
      familyId: family.id,
      userId: user.id,
      issuedAt: now,
      expiresAt: refreshTokenExpiry(family, now, this.options.refreshTtlSeconds),
      rotatedAt: null,
    };
    await this.options.refreshTokens.startFamily(family, first);
    return this.tokens(user, family.id, secret, first.expiresAt);
  }

  /** Exchanges the presented token for a new one; anything but `rotated` means nothing was issued. */
  async rotate(user: User, current: StoredRefreshToken): Promise<SessionTokens | Exclude<RotationOutcome, 'rotated'>> {
    const now = this.options.clock.now();
    const { secret, hash } = this.options.secrets.generate();
    const next = {
      hash,
      familyId: current.family.id,
      userId: user.id,
      issuedAt: now,
      expiresAt: refreshTokenExpiry(current.family, now, this.options.refreshTtlSeconds),
      rotatedAt: null,
    };
    const outcome = await this.options.refreshTokens.rotate(current.token.hash, next, now);
    if (outcome !== 'rotated') return outcome;
    return this.tokens(user, current.family.id, secret, next.expiresAt);
  }

  private async tokens(user: User, sessionId: string, refreshToken: string, refreshTokenExpiresAt: Date): Promise<SessionTokens> {
    const access = await this.options.accessTokens.issue(user, sessionId);
    return { accessToken: access.token, expiresIn: access.expiresInSeconds, tokenType: 'Bearer', refreshToken, refreshTokenExpiresAt };
  }
}
