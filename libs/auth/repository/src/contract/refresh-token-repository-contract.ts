import type { RefreshTokenRepository, UserRepository } from '@mosaic/auth-domain';
import { describe, expect, it } from 'vitest';
import { aFamily, aRefreshToken, aUser, seconds } from '../test-support/auth-mothers';

export interface RefreshTokenRepositories {
  refreshTokens: RefreshTokenRepository;
  /** Where the tokens' owners are created first (backends may enforce that they exist). */
  users: UserRepository;
}

export type MakeRefreshTokenRepositories = () => RefreshTokenRepositories | Promise<RefreshTokenRepositories>;

/** What every RefreshTokenRepository backend must do; run once per backend, unchanged. */
export function refreshTokenRepositoryContract(name: string, makeRepositories: MakeRefreshTokenRepositories): void {
  describe(`RefreshTokenRepository contract: ${name}`, () => {
    async function aSession() {
      const { users, refreshTokens } = await makeRepositories();
      const user = aUser();
      await users.save(user);
      const family = aFamily(user);
      const first = aRefreshToken(family);
      await refreshTokens.startFamily(family, first);
      return { refreshTokens, users, user, family, first };
    }

    it('finds a started family’s first token by its hash', async () => {
      const { refreshTokens, family, first } = await aSession();
      expect(await refreshTokens.findByHash(first.hash)).toEqual({ token: first, family });
    });

    it('finds nothing for an unknown or malformed hash', async () => {
      const { refreshTokens } = await aSession();
      expect(await refreshTokens.findByHash('0'.repeat(64))).toBeUndefined();
      expect(await refreshTokens.findByHash("' OR 1=1 --")).toBeUndefined();
    });

    it('rotates an active token: the old one is marked, the successor is stored', async () => {
      const { refreshTokens, family, first } = await aSession();
      const next = aRefreshToken(family, { issuedAt: seconds(10), expiresAt: seconds(10 + 7 * 24 * 3600) });
      expect(await refreshTokens.rotate(first.hash, next, seconds(10))).toBe('rotated');
      expect(await refreshTokens.findByHash(first.hash)).toEqual({ token: { ...first, rotatedAt: seconds(10) }, family });
      expect(await refreshTokens.findByHash(next.hash)).toEqual({ token: next, family });
    });

    it('reports a second rotation of the same token as reuse and stores nothing', async () => {
      const { refreshTokens, family, first } = await aSession();
      await refreshTokens.rotate(first.hash, aRefreshToken(family), seconds(10));
      const again = aRefreshToken(family);
      expect(await refreshTokens.rotate(first.hash, again, seconds(20))).toBe('reused');
      expect(await refreshTokens.findByHash(again.hash)).toBeUndefined();
    });

    it('lets exactly one of many concurrent rotations of one token win', async () => {
      const { refreshTokens, family, first } = await aSession();
      const successors = Array.from({ length: 6 }, () => aRefreshToken(family));
      const outcomes = await Promise.all(successors.map((next) => refreshTokens.rotate(first.hash, next, seconds(10))));
      expect(outcomes.filter((outcome) => outcome === 'rotated')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'reused')).toHaveLength(successors.length - 1);
      const stored = await Promise.all(successors.map((next) => refreshTokens.findByHash(next.hash)));
      expect(stored.filter(Boolean)).toHaveLength(1);
      expect(stored[outcomes.indexOf('rotated')]?.token.hash).toBe(successors[outcomes.indexOf('rotated')].hash);
    });

    it('does not rotate unknown, expired or revoked tokens', async () => {
      const { refreshTokens, family, first } = await aSession();
      expect(await refreshTokens.rotate('0'.repeat(64), aRefreshToken(family), seconds(1))).toBe('unknown');

      const late = aRefreshToken(family);
      expect(await refreshTokens.rotate(first.hash, late, first.expiresAt)).toBe('expired');
      expect(await refreshTokens.findByHash(late.hash)).toBeUndefined();

      await refreshTokens.revokeFamily(family.id, 'logout', seconds(5));
      const afterLogout = aRefreshToken(family);
      expect(await refreshTokens.rotate(first.hash, afterLogout, seconds(6))).toBe('revoked');
      expect(await refreshTokens.findByHash(afterLogout.hash)).toBeUndefined();
    });

    it('refuses to move a token into another family', async () => {
      const { refreshTokens, user, first } = await aSession();
      const stranger = aFamily(user);
      await expect(refreshTokens.rotate(first.hash, aRefreshToken(stranger), seconds(1))).rejects.toThrow(/family/);
      expect((await refreshTokens.findByHash(first.hash))?.token.rotatedAt).toBeNull();
    });

    it('revokes a whole family once, and only that family', async () => {
      const { refreshTokens, user, family, first } = await aSession();
      const second = aRefreshToken(family);
      await refreshTokens.rotate(first.hash, second, seconds(10));
      const otherFamily = aFamily(user);
      const other = aRefreshToken(otherFamily);
      await refreshTokens.startFamily(otherFamily, other);

      expect(await refreshTokens.revokeFamily(family.id, 'reuse_detected', seconds(20))).toBe(true);
      expect(await refreshTokens.revokeFamily(family.id, 'logout', seconds(30))).toBe(false);
      const revoked = { ...family, revokedAt: seconds(20), revokedReason: 'reuse_detected' };
      expect((await refreshTokens.findByHash(first.hash))?.family).toEqual(revoked);
      expect((await refreshTokens.findByHash(second.hash))?.family).toEqual(revoked);
      expect((await refreshTokens.findByHash(other.hash))?.family).toEqual(otherFamily);
      expect(await refreshTokens.revokeFamily('123456789', 'logout', seconds(30))).toBe(false);
    });

    it('revokes every open session of a user but the one named, and reports which', async () => {
      const { refreshTokens, users, user, family, first } = await aSession();
      const second = aFamily(user);
      await refreshTokens.startFamily(second, aRefreshToken(second));
      const ended = aFamily(user);
      const endedToken = aRefreshToken(ended);
      await refreshTokens.startFamily(ended, endedToken);
      await refreshTokens.revokeFamily(ended.id, 'logout', seconds(5));
      const stranger = aUser();
      await users.save(stranger);
      const theirs = aFamily(stranger);
      const theirToken = aRefreshToken(theirs);
      await refreshTokens.startFamily(theirs, theirToken);
      const third = aFamily(user);
      const thirdToken = aRefreshToken(third);
      await refreshTokens.startFamily(third, thirdToken);

      const revoked = await refreshTokens.revokeUserFamilies(user.id, 'password_changed', seconds(10), second.id);
      expect(revoked.sort()).toEqual([family.id, third.id].sort());
      expect((await refreshTokens.findByHash(first.hash))?.family).toMatchObject({ revokedAt: seconds(10), revokedReason: 'password_changed' });
      expect((await refreshTokens.findByHash(thirdToken.hash))?.family.revokedAt).toEqual(seconds(10));
      expect((await refreshTokens.findByHash(endedToken.hash))?.family).toMatchObject({ revokedAt: seconds(5), revokedReason: 'logout' });
      expect((await refreshTokens.findByHash(theirToken.hash))?.family.revokedAt).toBeNull();
      expect(await refreshTokens.revokeUserFamilies(user.id, 'password_changed', seconds(20), second.id)).toEqual([]);
      expect(await refreshTokens.revokeUserFamilies(user.id, 'password_changed', seconds(20))).toEqual([second.id]);
    });

    it('leaves no usable token when a revocation races rotations', async () => {
      const { refreshTokens, family, first } = await aSession();
      const successors = Array.from({ length: 4 }, () => aRefreshToken(family));
      await Promise.all([
        ...successors.map((next) => refreshTokens.rotate(first.hash, next, seconds(10))),
        refreshTokens.revokeFamily(family.id, 'reuse_detected', seconds(10)),
      ]);
      for (const token of [first, ...successors]) {
        const stored = await refreshTokens.findByHash(token.hash);
        if (stored) expect(stored.family.revokedAt).toEqual(seconds(10));
      }
    });

    it('purges expired tokens and ended families, keeping everything still useful', async () => {
      const { refreshTokens, users, family, first } = await aSession();
      const rotatedLive = aRefreshToken(family, { expiresAt: seconds(200) });
      await refreshTokens.rotate(first.hash, rotatedLive, seconds(1));
      const successor = aRefreshToken(family, { expiresAt: seconds(300) });
      await refreshTokens.rotate(rotatedLive.hash, successor, seconds(2));

      const owner = aUser();
      await users.save(owner);
      const ended = aFamily(owner, { expiresAt: seconds(100) });
      const endedToken = aRefreshToken(ended, { expiresAt: seconds(100) });
      await refreshTokens.startFamily(ended, endedToken);

      const purged = await refreshTokens.purgeExpired(seconds(150));
      expect(purged).toBeGreaterThanOrEqual(1);
      expect(await refreshTokens.findByHash(endedToken.hash)).toBeUndefined();
      // The first token (7 days) and the rotated one (kept for reuse detection) are not expired yet.
      expect(await refreshTokens.findByHash(first.hash)).toBeDefined();
      expect((await refreshTokens.findByHash(rotatedLive.hash))?.token.rotatedAt).toEqual(seconds(2));
      expect(await refreshTokens.findByHash(successor.hash)).toBeDefined();
    });
  });
}
