import { describe, expect, it } from 'vitest';
import { toEmail } from './email';
import { DEFAULT_ROLES, profileOf, registerUser, withPasswordHash } from './user';

const now = new Date('2026-01-01T00:00:00Z');
const newUser = () => registerUser({ id: '42', email: toEmail('ada@example.com'), name: 'Ada', passwordHash: '$scrypt$x', now });

describe('User', () => {
  it('registers with the default roles and both timestamps at registration time', () => {
    expect(newUser()).toEqual({
      id: '42',
      email: 'ada@example.com',
      name: 'Ada',
      passwordHash: '$scrypt$x',
      roles: DEFAULT_ROLES,
      createdAt: now,
      updatedAt: now,
    });
  });

  it('refuses to exist without a password hash', () => {
    expect(() => registerUser({ id: '1', email: toEmail('a@example.com'), name: null, passwordHash: '', now })).toThrow(TypeError);
  });

  it('changes the hash and the update time, nothing else', () => {
    const later = new Date('2026-02-01T00:00:00Z');
    const user = withPasswordHash(newUser(), '$scrypt$y', later);
    expect(user).toEqual({ ...newUser(), passwordHash: '$scrypt$y', updatedAt: later });
  });

  it('shows the owner a profile without the password hash', () => {
    expect(profileOf(newUser())).toEqual({ id: '42', email: 'ada@example.com', name: 'Ada', createdAt: now });
  });
});
