import { attemptLimits } from '@mosaic/auth-repository';
import { describe, expect, it } from 'vitest';
import { aRegistration, authHarness } from '../test-support/auth-harness';

async function twoSessions(overrides: Parameters<typeof authHarness>[0] = {}) {
  const harness = await authHarness(overrides);
  const registration = aRegistration();
  await harness.auth.register.execute(registration);
  const here = await harness.auth.login.execute(registration);
  const elsewhere = await harness.auth.login.execute(registration);
  const claims = await harness.auth.verifier.verify(here.accessToken);
  return { ...harness, registration, here, elsewhere, claims };
}

describe('ChangePassword', () => {
  it('replaces the password and ends every other session at once, access tokens included', async () => {
    const { auth, registration, here, elsewhere, claims } = await twoSessions();
    const newPassword = 'a different passphrase 42';
    await auth.changePassword.execute({ userId: claims.userId, sessionId: claims.sessionId, currentPassword: registration.password, newPassword });

    await expect(auth.verifier.verify(elsewhere.accessToken)).rejects.toMatchObject({ status: 401, code: 'token_revoked' });
    await expect(auth.refresh.execute({ refreshToken: elsewhere.refreshToken })).rejects.toMatchObject({ code: 'refresh_token_revoked' });
    await expect(auth.verifier.verify(here.accessToken)).resolves.toMatchObject({ sessionId: claims.sessionId });
    await expect(auth.refresh.execute({ refreshToken: here.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });

    await expect(auth.login.execute(registration)).rejects.toMatchObject({ code: 'invalid_credentials' });
    await expect(auth.login.execute({ email: registration.email, password: newPassword })).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('reports the change once stored, and nothing for a refused one', async () => {
    const { auth, registration, claims, userEvents, clock } = await twoSessions();
    userEvents.length = 0;
    const change = (currentPassword: string) =>
      auth.changePassword.execute({ userId: claims.userId, sessionId: claims.sessionId, currentPassword, newPassword: 'a different passphrase 42' });
    await expect(change('not the password')).rejects.toMatchObject({ code: 'wrong_password' });
    expect(userEvents).toEqual([]);
    await change(registration.password);
    expect(userEvents).toEqual([{ type: 'user.password-changed', userId: claims.userId, occurredAt: clock.now() }]);
  });

  it('still changes the password when another change of the account (a role) was stored since it was loaded', async () => {
    const { auth, repositories, registration, claims } = await twoSessions();
    const users = repositories.users;
    let interleaved = false;
    // The role change lands between the password check and the save.
    const findById = users.findById.bind(users);
    users.findById = async (id) => {
      const user = await findById(id);
      if (!interleaved && user) {
        interleaved = true;
        await auth.changeRole.execute({ actorRoles: ['admin'], userId: id, role: 'admin', granted: true });
      }
      return user;
    };
    const newPassword = 'a different passphrase 42';
    await auth.changePassword.execute({ userId: claims.userId, sessionId: claims.sessionId, currentPassword: registration.password, newPassword });
    const stored = await findById(claims.userId);
    expect(stored?.roles).toEqual(['user', 'admin']);
    expect(stored?.version).toBe(3);
    await expect(auth.login.execute({ email: registration.email, password: newPassword })).resolves.toBeDefined();
  });

  it('refuses with 409 when the password itself changed since it was checked, changing nothing more', async () => {
    const { auth, repositories, registration, claims } = await twoSessions();
    const users = repositories.users;
    const findById = users.findById.bind(users);
    let interleaved = false;
    users.findById = async (id) => {
      const user = await findById(id);
      if (!interleaved && user) {
        interleaved = true;
        await auth.changePassword.execute({
          userId: id,
          sessionId: claims.sessionId,
          currentPassword: registration.password,
          newPassword: 'the first new passphrase 7',
        });
      }
      return user;
    };
    await expect(
      auth.changePassword.execute({
        userId: claims.userId,
        sessionId: claims.sessionId,
        currentPassword: registration.password,
        newPassword: 'a different passphrase 42',
      }),
    ).rejects.toMatchObject({ status: 409, code: 'password_changed_concurrently' });
    await expect(auth.login.execute({ email: registration.email, password: 'the first new passphrase 7' })).resolves.toBeDefined();
  });

  it('refuses a wrong current password with 403 and changes nothing', async () => {
    const { auth, registration, elsewhere, claims } = await twoSessions();
    await expect(
      auth.changePassword.execute({
        userId: claims.userId,
        sessionId: claims.sessionId,
        currentPassword: 'not the password',
        newPassword: 'a different passphrase 42',
      }),
    ).rejects.toMatchObject({ status: 403, code: 'wrong_password' });
    await expect(auth.verifier.verify(elsewhere.accessToken)).resolves.toBeDefined();
    await expect(auth.login.execute(registration)).resolves.toBeDefined();
  });

  it.each([
    ['too short', 'short'],
    ['one of the most common', 'password123'],
  ])('refuses a new password that is %s with 400 weak_password on newPassword', async (_case, newPassword) => {
    const { auth, registration, claims } = await twoSessions();
    await expect(
      auth.changePassword.execute({ userId: claims.userId, sessionId: claims.sessionId, currentPassword: registration.password, newPassword }),
    ).rejects.toMatchObject({ status: 400, code: 'weak_password', details: [{ path: 'newPassword', message: expect.any(String) }] });
    await expect(auth.login.execute(registration)).resolves.toBeDefined();
  });

  it('limits guesses of the current password like logins', async () => {
    const { auth, claims } = await twoSessions({ limits: attemptLimits({ login: { pair: 2 } }) });
    const guess = () =>
      auth.changePassword.execute({
        userId: claims.userId,
        sessionId: claims.sessionId,
        currentPassword: 'a guess',
        newPassword: 'a different passphrase 42',
        ip: '203.0.113.5',
      });
    await expect(guess()).rejects.toMatchObject({ status: 403 });
    await expect(guess()).rejects.toMatchObject({ status: 403 });
    await expect(guess()).rejects.toMatchObject({ status: 429 });
  });
});
