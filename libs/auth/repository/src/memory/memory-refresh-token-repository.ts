import {
  refreshTokenState,
  type FamilyRevocationReason,
  type RefreshTokenFamily,
  type RefreshTokenRecord,
  type RefreshTokenRepository,
  type RotationOutcome,
  type StoredRefreshToken,
} from '@mosaic/auth-domain';
import { assertSameFamily, ROTATION_OUTCOME_OF_STATE } from '../lib/rotation';

/**
 * Refresh tokens in Maps. Each method checks and writes without awaiting in between,
 * so on one event loop every operation is atomic, which is what rotation needs.
 */
export class MemoryRefreshTokenRepository implements RefreshTokenRepository {
  private readonly families = new Map<string, RefreshTokenFamily>();
  private readonly tokens = new Map<string, RefreshTokenRecord>();

  async startFamily(family: RefreshTokenFamily, first: RefreshTokenRecord): Promise<void> {
    assertSameFamily(family.id, first);
    if (this.families.has(family.id)) throw new Error(`refresh token family ${family.id} already exists`);
    if (this.tokens.has(first.hash)) throw new Error('refresh token hash collision');
    this.families.set(family.id, structuredClone(family));
    this.tokens.set(first.hash, structuredClone(first));
  }

  async findByHash(hash: string): Promise<StoredRefreshToken | undefined> {
    const token = this.tokens.get(hash);
    const family = token && this.families.get(token.familyId);
    return family && structuredClone({ token, family });
  }

  async rotate(currentHash: string, next: RefreshTokenRecord, now: Date): Promise<RotationOutcome> {
    const token = this.tokens.get(currentHash);
    const family = token && this.families.get(token.familyId);
    if (!token || !family) return 'unknown';
    assertSameFamily(token.familyId, next);
    const state = refreshTokenState({ token, family }, now);
    if (state !== 'active') return ROTATION_OUTCOME_OF_STATE[state];
    if (this.tokens.has(next.hash)) throw new Error('refresh token hash collision');
    this.tokens.set(currentHash, { ...token, rotatedAt: new Date(now) });
    this.tokens.set(next.hash, structuredClone(next));
    return 'rotated';
  }

  async revokeFamily(familyId: string, reason: FamilyRevocationReason, now: Date): Promise<boolean> {
    const family = this.families.get(familyId);
    if (!family || family.revokedAt !== null) return false;
    this.families.set(familyId, { ...family, revokedAt: new Date(now), revokedReason: reason });
    return true;
  }

  async revokeUserFamilies(userId: string, reason: FamilyRevocationReason, now: Date, exceptFamilyId?: string): Promise<string[]> {
    const revoked: string[] = [];
    for (const [id, family] of this.families) {
      if (family.userId !== userId || family.revokedAt !== null || id === exceptFamilyId) continue;
      this.families.set(id, { ...family, revokedAt: new Date(now), revokedReason: reason });
      revoked.push(id);
    }
    return revoked;
  }

  async purgeExpired(now: Date): Promise<number> {
    let deleted = 0;
    for (const [hash, token] of this.tokens) {
      if (token.expiresAt.getTime() <= now.getTime()) {
        this.tokens.delete(hash);
        deleted++;
      }
    }
    for (const [id, family] of this.families) {
      if (family.expiresAt.getTime() <= now.getTime()) this.families.delete(id);
    }
    return deleted;
  }
}
