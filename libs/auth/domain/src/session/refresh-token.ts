/**
 * One sign-in: every refresh token rotated out of the same login belongs to its
 * family. Revoking the family (logout, or a rotated token presented again) ends the
 * session for every token in it at once.
 */
export interface RefreshTokenFamily {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: Date;
  /** Absolute end of the session: rotation extends a token's life, never the family's. */
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly revokedReason: FamilyRevocationReason | null;
}

export type FamilyRevocationReason = 'logout' | 'reuse_detected' | 'password_changed';

/**
 * A refresh token as stored: the SHA-256 of the secret (hex), never the secret, so a
 * copy of the table cannot be replayed.
 */
export interface RefreshTokenRecord {
  readonly hash: string;
  readonly familyId: string;
  readonly userId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  /** When it was exchanged for its successor; a rotated token presented again is a theft signal. */
  readonly rotatedAt: Date | null;
}

export interface StoredRefreshToken {
  readonly token: RefreshTokenRecord;
  readonly family: RefreshTokenFamily;
}

export type RefreshTokenState = 'active' | 'rotated' | 'revoked' | 'expired';

/**
 * Revocation wins over everything; a rotated token counts as reused even after it
 * expired, because only a copy of an old token can be presented that late.
 */
export function refreshTokenState({ token, family }: StoredRefreshToken, now: Date): RefreshTokenState {
  if (family.revokedAt !== null) return 'revoked';
  if (token.rotatedAt !== null) return 'rotated';
  const nowMs = now.getTime();
  if (token.expiresAt.getTime() <= nowMs || family.expiresAt.getTime() <= nowMs) return 'expired';
  return 'active';
}

/** A token's life is the refresh TTL, cut short by the end of its session. */
export function refreshTokenExpiry(family: Pick<RefreshTokenFamily, 'expiresAt'>, now: Date, ttlSeconds: number): Date {
  return new Date(Math.min(now.getTime() + ttlSeconds * 1000, family.expiresAt.getTime()));
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
