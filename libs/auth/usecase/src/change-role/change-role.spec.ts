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
