import { createHash, randomBytes } from 'node:crypto';
import { toEmail, User, type Email, type RefreshTokenFamily, type RefreshTokenRecord, type UserSnapshot } from '@mosaic/auth-domain';
import { SnowflakeIds } from '@mosaic/kit-core';

/** Whole milliseconds: what every backend stores exactly. */
export const T0 = new Date('2026-01-01T00:00:00.000Z');
export const seconds = (n: number, from: Date = T0) => new Date(from.getTime() + n * 1000);

const ids = new SnowflakeIds(7);
const run = randomBytes(3).toString('hex');
let sequence = 0;

/** An address no other test (or test run against the same database) uses. */
export function anEmail(label = 'user'): Email {
  return toEmail(`${label}.${run}.${++sequence}@example.com`);
}

/** A user never stored (version 0), registered at T0. */
export function aUser(overrides: Partial<Omit<UserSnapshot, 'version'>> = {}): User {
  const user = User.register({
    id: ids.next(),
    email: anEmail(),
    name: 'Ada Lovelace',
    passwordHash: aPasswordHash(),
    now: T0,
  });
  return User.restore({ ...user.snapshot(), ...overrides });
}

/** An encoded scrypt hash of nothing in particular. */
export function aPasswordHash(): string {
  return `$scrypt$ln=10,r=8,p=1$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;
}

export function aFamily(user: Pick<User, 'id'>, overrides: Partial<RefreshTokenFamily> = {}): RefreshTokenFamily {
  return {
    id: ids.next(),
    userId: user.id,
    createdAt: T0,
    expiresAt: seconds(30 * 24 * 3600),
    revokedAt: null,
    revokedReason: null,
    ...overrides,
  };
}

export function aRefreshToken(family: Pick<RefreshTokenFamily, 'id' | 'userId'>, overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord {
  return {
    hash: createHash('sha256').update(randomBytes(32)).digest('hex'),
    familyId: family.id,
    userId: family.userId,
    issuedAt: T0,
    expiresAt: seconds(7 * 24 * 3600),
    rotatedAt: null,
    ...overrides,
  };
}
