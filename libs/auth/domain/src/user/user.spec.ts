import { describe, expect, it } from 'vitest';
import { toEmail } from './email';
import { DEFAULT_ROLES, User, type UserSnapshot } from './user';

const now = new Date('2026-01-01T00:00:00Z');
const later = new Date('2026-02-01T00:00:00Z');
const newUser = () => User.register({ id: '42', email: toEmail('ada@example.com'), name: 'Ada', passwordHash: '$scrypt$x', now });
const stored: UserSnapshot = {
  id: '42',
  email: toEmail('ada@example.com'),
  name: 'Ada',
  passwordHash: '$scrypt$x',
  roles: ['user'],
  version: 3,
  createdAt: now,
  updatedAt: now,
};

describe('User', () => {
  it('registers with the default roles, both timestamps at registration time, as its own owner, never stored', () => {
    const user = newUser();
    expect(user.snapshot()).toEqual({ ...stored, roles: DEFAULT_ROLES, version: 0 });
    expect(user.isNew).toBe(true);
    expect(user.isOwnedBy('42')).toBe(true);
    expect(user.isOwnedBy('43')).toBe(false);
  });

  it('records its registration with its email and roles', () => {
    const user = User.register({ id: '7', email: toEmail('root@example.com'), name: null, passwordHash: '$h', now, extraRoles: ['admin', 'user'] });
    expect(user.roles).toEqual(['user', 'admin']);
    expect(user.pendingEvents).toEqual([{ type: 'user.registered', userId: '7', email: 'root@example.com', roles: ['user', 'admin'], occurredAt: now }]);
  });

  it('refuses to exist without a password hash, or to take an empty one', () => {
    expect(() => User.register({ id: '1', email: toEmail('a@example.com'), name: null, passwordHash: '', now })).toThrow(TypeError);
    const user = User.restore(stored);
    expect(() => user.changePassword('', later)).toThrow(TypeError);
    expect(() => user.rehashPassword('', later)).toThrow(TypeError);
    expect(user.snapshot()).toEqual(stored);
    expect(user.pendingEvents).toEqual([]);
  });

  it('is restored exactly as stored, at its version, with nothing recorded', () => {
    const user = User.restore(stored);
    expect(user.snapshot()).toEqual(stored);
    expect(user.version).toBe(3);
    expect(user.isNew).toBe(false);
    expect(user.pendingEvents).toEqual([]);
  });

  it('changes the password: the hash and the update time, nothing else, and records the change', () => {
    const user = User.restore(stored);
    user.changePassword('$scrypt$y', later);
    expect(user.snapshot()).toEqual({ ...stored, passwordHash: '$scrypt$y', updatedAt: later });
    expect(user.pullEvents()).toEqual([{ type: 'user.password-changed', userId: '42', occurredAt: later }]);
  });

  it('rehashes the same password without recording anything', () => {
    const user = User.restore(stored);
    user.rehashPassword('$scrypt$stronger', later);
    expect(user.snapshot()).toEqual({ ...stored, passwordHash: '$scrypt$stronger', updatedAt: later });
    expect(user.pendingEvents).toEqual([]);
  });

  it('grants and revokes a role, recording each change', () => {
    const user = User.restore(stored);
    expect(user.setRole('admin', true, later)).toBe(true);
    expect(user.roles).toEqual(['user', 'admin']);
    expect(user.setRole('admin', false, later)).toBe(true);
    expect(user.roles).toEqual(['user']);
    expect(user.pullEvents()).toEqual([
      { type: 'user.role-granted', userId: '42', role: 'admin', occurredAt: later },
      { type: 'user.role-revoked', userId: '42', role: 'admin', occurredAt: later },
    ]);
    expect(user.updatedAt).toEqual(later);
  });

  it('records nothing and changes nothing when the role is already as asked', () => {
    const user = User.restore(stored);
    expect(user.setRole('user', true, later)).toBe(false);
    expect(user.setRole('admin', false, later)).toBe(false);
    expect(user.snapshot()).toEqual(stored);
    expect(user.pendingEvents).toEqual([]);
  });

  it('moves its version on and spends its events once saved', () => {
    const user = newUser();
    user.setRole('admin', true, later);
    user.markSaved();
    expect(user.version).toBe(1);
    expect(user.pendingEvents).toEqual([]);
    user.changePassword('$scrypt$z', later);
    user.markSaved();
    expect(user.version).toBe(2);
  });

  it('hands out its roles as a copy in the snapshot', () => {
    const user = User.restore(stored);
    (user.snapshot().roles as string[]).push('admin');
    expect(user.roles).toEqual(['user']);
  });

  it('shows the owner a profile without the password hash', () => {
    expect(newUser().profile()).toEqual({ id: '42', email: 'ada@example.com', name: 'Ada', createdAt: now });
  });
});
