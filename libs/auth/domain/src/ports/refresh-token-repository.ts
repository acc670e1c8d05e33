import type { FamilyRevocationReason, RefreshTokenFamily, RefreshTokenRecord, StoredRefreshToken } from '../session/refresh-token';

/**
 * How a rotation ended: `rotated` when this call exchanged an active token (exactly one
 * of any concurrent calls with the same token gets it), else why the token was not active.
 */
export type RotationOutcome = 'rotated' | 'reused' | 'revoked' | 'expired' | 'unknown';

export interface RefreshTokenRepository {
  /** Stores a new family (one sign-in) with its first token. */
  startFamily(family: RefreshTokenFamily, first: RefreshTokenRecord): Promise<void>;
  findByHash(hash: string): Promise<StoredRefreshToken | undefined>;
  /**
   * Atomically marks the token `currentHash` rotated and stores `next` (same family)
   * when the token is active at `now`; otherwise stores nothing.
   */
  rotate(currentHash: string, next: RefreshTokenRecord, now: Date): Promise<RotationOutcome>;
  /** Ends the session for every token of the family; resolves whether this call revoked it. */
  revokeFamily(familyId: string, reason: FamilyRevocationReason, now: Date): Promise<boolean>;
  /**
   * Ends every session of the user still open, except `exceptFamilyId` (the caller's
   * own). Resolves the ids of the families this call revoked.
   */
  revokeUserFamilies(userId: string, reason: FamilyRevocationReason, now: Date, exceptFamilyId?: string): Promise<string[]>;
  /**
   * Deletes tokens that expired before `now` and families with nothing left to
   * refresh. Resolves how many tokens it deleted.
   */
  purgeExpired(now: Date): Promise<number>;
}
