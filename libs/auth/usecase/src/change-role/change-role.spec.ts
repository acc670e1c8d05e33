import { toEmail } from '@mosaic/auth-domain';
import { describe, expect, it } from 'vitest';
import { aRegistration, authHarness } from '../test-support/auth-harness';

describe('ChangeRole', () => {
  async function withUser() {
    const harness = await authHarness();
    const registration = aRegistration();
    const user = await harness.auth.register.execute(registration);
    return { ...harness, registration, user };
  }

  it('grants and revokes a role, reaching the tokens issued afterwards', async () => {
    const { auth, registration, user } = await withUser();
    await auth.changeRole.execute({ actorRoles: ['user', 'admin'], userId: user.id, role: 'admin', granted: true });
    await auth.changeRole.execute({ actorRoles: ['user', 'admin'], userId: user.id, role: 'admin', granted: true });
    expect((await auth.verifier.verify((await auth.login.execute(registration)).accessToken)).roles).toEqual(['user', 'admin']);
    await auth.changeRole.execute({ actorRoles: ['user', 'admin'], userId: user.id, role: 'admin', granted: false });
    expect((await auth.verifier.verify((await auth.login.execute(registration)).accessToken)).roles).toEqual(['user']);
  });

  it('reports each grant and revocation once stored, and nothing when the role was already as asked', async () => {
    const { auth, user, userEvents, clock } = await withUser();
    userEvents.length = 0;
    const admin = ['admin'];
    await auth.changeRole.execute({ actorRoles: admin, userId: user.id, role: 'admin', granted: false });
    await auth.changeRole.execute({ actorRoles: admin, userId: user.id, role: 'admin', granted: true });
    await auth.changeRole.execute({ actorRoles: admin, userId: user.id, role: 'admin', granted: true });
    await auth.changeRole.execute({ actorRoles: admin, userId: user.id, role: 'admin', granted: false });
    expect(userEvents).toEqual([
      { type: 'user.role-granted', userId: user.id, role: 'admin', occurredAt: clock.now() },
      { type: 'user.role-revoked', userId: user.id, role: 'admin', occurredAt: clock.now() },
    ]);
  });

  it('loses no change when many admins change roles at once', async () => {
    const { auth, repositories, user } = await withUser();
    await Promise.all(Array.from({ length: 4 }, () => auth.changeRole.execute({ actorRoles: ['admin'], userId: user.id, role: 'admin', granted: true })));
    const stored = await repositories.users.findById(user.id);
    expect(stored?.roles).toEqual(['user', 'admin']);
  });

  it('answers 409 roles_changed_concurrently when other changes keep landing first', async () => {
    const { auth, repositories, user } = await withUser();
    const users = repositories.users;
    const save = users.save.bind(users);
    users.save = async (changed) => {
      // Another change of the account is stored between every load and save.
      const other = await users.findById(changed.id);
      other?.rehashPassword(`$scrypt$other-${other.version}`, new Date());
      if (other) await save(other);
      return save(changed);
    };
    await expect(auth.changeRole.execute({ actorRoles: ['admin'], userId: user.id, role: 'admin', granted: true })).rejects.toMatchObject({
      status: 409,
      code: 'roles_changed_concurrently',
    });
  });

  it('refuses callers who are not admins (403), unknown roles (400) and unknown users (404)', async () => {
    const { auth, user } = await withUser();
    await expect(auth.changeRole.execute({ actorRoles: ['user'], userId: user.id, role: 'admin', granted: true })).rejects.toMatchObject({
      status: 403,
      code: 'admin_only',
    });
    await expect(auth.changeRole.execute({ actorRoles: ['admin'], userId: user.id, role: 'root', granted: true })).rejects.toMatchObject({
      status: 400,
      code: 'unknown_role',
    });
    await expect(auth.changeRole.execute({ actorRoles: ['admin'], userId: '123456789', role: 'admin', granted: true })).rejects.toMatchObject({
      status: 404,
      code: 'user_not_found',
    });
  });

  it('makes existing accounts with configured emails admins at start, ignoring emails without an account', async () => {
    const { auth, repositories, registration } = await withUser();
    await auth.bootstrapAdmins.execute([registration.email.toUpperCase(), aRegistration().email]);
    expect((await repositories.users.findByEmail(toEmail(registration.email)))?.roles).toEqual(['user', 'admin']);
  });
});
