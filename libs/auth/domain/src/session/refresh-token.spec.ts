import { describe, expect, it } from 'vitest';
import { refreshTokenExpiry, refreshTokenState, type RefreshTokenFamily, type RefreshTokenRecord } from './refresh-token';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

const family = (overrides: Partial<RefreshTokenFamily> = {}): RefreshTokenFamily => ({
  id: 'f1',
  userId: 'u1',
  createdAt: t0,
  expiresAt: at(1000),
  revokedAt: null,
  revokedReason: null,
  ...overrides,
});
const token = (overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  hash: 'a'.repeat(64),
  familyId: 'f1',
  userId: 'u1',
  issuedAt: t0,
  expiresAt: at(100),
  rotatedAt: null,
  ...overrides,
});

describe('refreshTokenState', () => {
  it('is active until the token expires', () => {
    expect(refreshTokenState({ token: token(), family: family() }, at(99))).toBe('active');
    expect(refreshTokenState({ token: token(), family: family() }, at(100))).toBe('expired');
  });

  it('is expired when the session ends first', () => {
    expect(refreshTokenState({ token: token({ expiresAt: at(2000) }), family: family() }, at(1000))).toBe('expired');
  });

  it('counts a rotated token as rotated even after it expired', () => {
    expect(refreshTokenState({ token: token({ rotatedAt: at(10) }), family: family() }, at(50))).toBe('rotated');
    expect(refreshTokenState({ token: token({ rotatedAt: at(10) }), family: family() }, at(500))).toBe('rotated');
  });

  it('lets revocation win over everything', () => {
    const revoked = family({ revokedAt: at(5), revokedReason: 'logout' });
    expect(refreshTokenState({ token: token(), family: revoked }, at(6))).toBe('revoked');
    expect(refreshTokenState({ token: token({ rotatedAt: at(1) }), family: revoked }, at(6))).toBe('revoked');
  });
});

describe('refreshTokenExpiry', () => {
  it('is the TTL from now, but never past the end of the session', () => {
    expect(refreshTokenExpiry(family(), at(0), 100)).toEqual(at(100));
    expect(refreshTokenExpiry(family(), at(950), 100)).toEqual(at(1000));
  });
});
