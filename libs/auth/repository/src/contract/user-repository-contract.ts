import { toEmail, User, type UserRepository } from '@mosaic/auth-domain';
import { describe, expect, it } from 'vitest';
import { aPasswordHash, aUser, anEmail, seconds } from '../test-support/auth-mothers';

export type MakeUserRepository = () => UserRepository | Promise<UserRepository>;

/** What every UserRepository backend must do; run once per backend, unchanged. */
export function userRepositoryContract(name: string, makeRepository: MakeUserRepository): void {
  describe(`UserRepository contract: ${name}`, () => {
    async function aStoredUser(users: UserRepository, user = aUser()) {
      await users.save(user);
      return user;
    }

    it('finds a saved user by id and by email, exactly as stored, at version 1', async () => {
      const users = await makeRepository();
      const user = await aStoredUser(users, aUser({ roles: ['user', 'admin'] }));
      expect(user.version).toBe(1);
      expect((await users.findById(user.id))?.snapshot()).toEqual(user.snapshot());
      expect((await users.findByEmail(user.email))?.snapshot()).toEqual(user.snapshot());
      expect((await users.findById(user.id))?.version).toBe(1);
    });

    it('finds nothing for unknown ids and emails', async () => {
      const users = await makeRepository();
      expect(await users.findById('123456789')).toBeUndefined();
      expect(await users.findById('not-an-id')).toBeUndefined();
      expect(await users.findByEmail(anEmail())).toBeUndefined();
    });

    it('refuses a second account with the same email with a 409 and keeps the first', async () => {
      const users = await makeRepository();
      const first = await aStoredUser(users);
      const second = aUser({ email: first.email, name: 'Impostor' });
      await expect(users.save(second)).rejects.toMatchObject({ code: 'email_taken', status: 409 });
      expect(second.isNew).toBe(true);
      expect((await users.findByEmail(first.email))?.snapshot()).toEqual(first.snapshot());
      expect(await users.findById(second.id)).toBeUndefined();
    });

    it('lets exactly one of many concurrent registrations of one email through', async () => {
      const users = await makeRepository();
      const email = anEmail('race');
      const attempts = Array.from({ length: 8 }, () => aUser({ email }));
      const results = await Promise.allSettled(attempts.map((user) => users.save(user)));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'email_taken' });
      }
      const stored = await users.findByEmail(email);
      expect(attempts.map((user) => user.id)).toContain(stored?.id);
    });

    it('stores text literally: quotes, backslashes and any script', async () => {
      const users = await makeRepository();
      const user = await aStoredUser(
        users,
        aUser({ email: toEmail(`o'brien.${Date.now()}@example.com`), name: `Robert'); DROP TABLE auth_users;-- \\ 李 👩‍💻` }),
      );
      expect((await users.findByEmail(user.email))?.snapshot()).toEqual(user.snapshot());
    });

    it('saves a loaded user’s changes and moves its version on', async () => {
      const users = await makeRepository();
      const user = await aStoredUser(users);
      const loaded = (await users.findById(user.id)) as User;
      const hash = aPasswordHash();
      loaded.changePassword(hash, seconds(60));
      loaded.setRole('admin', true, seconds(61));
      await users.save(loaded);
      expect(loaded.version).toBe(2);
      const stored = await users.findById(user.id);
      expect(stored?.snapshot()).toEqual({ ...user.snapshot(), passwordHash: hash, roles: ['user', 'admin'], updatedAt: seconds(61), version: 2 });
    });

    it('of two saves from the same version, stores the first and refuses the second', async () => {
      const users = await makeRepository();
      const user = await aStoredUser(users);
      const [first, second] = [(await users.findById(user.id)) as User, (await users.findById(user.id)) as User];
      first.setRole('admin', true, seconds(60));
      second.changePassword(aPasswordHash(), seconds(61));
      await users.save(first);
      await expect(users.save(second)).rejects.toMatchObject({ code: 'concurrent_modification', status: 409 });
      expect(second.version).toBe(1);
      expect((await users.findById(user.id))?.snapshot()).toEqual(first.snapshot());
    });

    it('lets exactly one of many concurrent saves from one version through', async () => {
      const users = await makeRepository();
      const user = await aStoredUser(users);
      const copies = await Promise.all(Array.from({ length: 8 }, () => users.findById(user.id) as Promise<User>));
      for (const copy of copies) copy.changePassword(aPasswordHash(), seconds(60));
      const results = await Promise.allSettled(copies.map((copy) => users.save(copy)));
      const stored = results.flatMap((result, i) => (result.status === 'fulfilled' ? [copies[i]] : []));
      expect(stored).toHaveLength(1);
      expect((await users.findById(user.id))?.snapshot()).toEqual(stored[0].snapshot());
    });

    it('refuses to save a user that is gone as a concurrent change', async () => {
      const users = await makeRepository();
      const ghost = User.restore({ ...aUser().snapshot(), version: 3 });
      ghost.setRole('admin', true, seconds(60));
      await expect(users.save(ghost)).rejects.toMatchObject({ code: 'concurrent_modification' });
      expect(await users.findById(ghost.id)).toBeUndefined();
    });

    it('hands out copies: changing a returned user changes nothing stored', async () => {
      const users = await makeRepository();
      const user = await aStoredUser(users);
      const found = (await users.findById(user.id)) as User;
      found.setRole('admin', true, seconds(60));
      found.createdAt.setTime(0);
      expect((await users.findById(user.id))?.snapshot()).toEqual(user.snapshot());
    });
  });
}
