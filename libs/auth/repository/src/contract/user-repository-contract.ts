import { toEmail, type UserRepository } from '@mosaic/auth-domain';
import { describe, expect, it } from 'vitest';
import { aUser, anEmail, seconds } from '../test-support/auth-mothers';

export type MakeUserRepository = () => UserRepository | Promise<UserRepository>;

/** What every UserRepository backend must do; run once per backend, unchanged. */
export function userRepositoryContract(name: string, makeRepository: MakeUserRepository): void {
  describe(`UserRepository contract: ${name}`, () => {
    it('finds a created user by id and by email, exactly as stored', async () => {
      const users = await makeRepository();
      const user = aUser({ roles: ['user', 'admin'] });
      await users.create(user);
      expect(await users.findById(user.id)).toEqual(user);
      expect(await users.findByEmail(user.email)).toEqual(user);
    });

    it('finds nothing for unknown ids and emails', async () => {
      const users = await makeRepository();
      expect(await users.findById('123456789')).toBeUndefined();
      expect(await users.findById('not-an-id')).toBeUndefined();
      expect(await users.findByEmail(anEmail())).toBeUndefined();
    });

    it('refuses a second account with the same email with a 409 and keeps the first', async () => {
      const users = await makeRepository();
      const first = aUser();
      await users.create(first);
      const second = aUser({ email: first.email, name: 'Impostor' });
      await expect(users.create(second)).rejects.toMatchObject({ code: 'email_taken', status: 409 });
      expect(await users.findByEmail(first.email)).toEqual(first);
      expect(await users.findById(second.id)).toBeUndefined();
    });

    it('lets exactly one of many concurrent registrations of one email through', async () => {
      const users = await makeRepository();
      const email = anEmail('race');
      const attempts = Array.from({ length: 8 }, () => aUser({ email }));
      const results = await Promise.allSettled(attempts.map((user) => users.create(user)));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'email_taken' });
      }
      const stored = await users.findByEmail(email);
      expect(attempts.map((user) => user.id)).toContain(stored?.id);
    });

    it('stores text literally: quotes, backslashes and any script', async () => {
      const users = await makeRepository();
      const user = aUser({ email: toEmail(`o'brien.${Date.now()}@example.com`), name: `Robert'); DROP TABLE auth_users;-- \\ 李 👩‍💻` });
      await users.create(user);
      expect(await users.findByEmail(user.email)).toEqual(user);
    });

    it('replaces the password hash only while it is still the expected one', async () => {
      const users = await makeRepository();
      const user = aUser();
      await users.create(user);
      expect(await users.replacePasswordHash(user.id, 'stale', '$new', seconds(60))).toBe(false);
      expect(await users.findById(user.id)).toEqual(user);
      expect(await users.replacePasswordHash(user.id, user.passwordHash, '$new', seconds(60))).toBe(true);
      expect(await users.findById(user.id)).toEqual({ ...user, passwordHash: '$new', updatedAt: seconds(60) });
      expect(await users.replacePasswordHash('123456789', '$new', '$newer', seconds(61))).toBe(false);
    });

    it('replaces the roles only while they are still the expected ones', async () => {
      const users = await makeRepository();
      const user = aUser();
      await users.create(user);
      expect(await users.replaceRoles(user.id, ['user', 'admin'], ['user'], seconds(60))).toBe(false);
      expect(await users.replaceRoles(user.id, ['user'], ['user', 'admin'], seconds(60))).toBe(true);
      expect(await users.findById(user.id)).toEqual({ ...user, roles: ['user', 'admin'], updatedAt: seconds(60) });
      expect(await users.replaceRoles(user.id, ['user'], [], seconds(61))).toBe(false);
      expect(await users.replaceRoles('123456789', ['user'], ['user', 'admin'], seconds(61))).toBe(false);
    });

    it('hands out copies: changing a returned user changes nothing stored', async () => {
      const users = await makeRepository();
      const user = aUser();
      await users.create(user);
      const found = await users.findById(user.id);
      (found as { name: string | null }).name = 'changed';
      found?.createdAt.setTime(0);
      expect(await users.findById(user.id)).toEqual(user);
    });
  });
}
