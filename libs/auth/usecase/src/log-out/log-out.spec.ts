import { describe, expect, it } from 'vitest';
import { aRegistration, authHarness } from '../test-support/auth-harness';

describe('LogOut', () => {
  it('revokes the session, so neither its refresh token nor any successor works', async () => {
    const { auth } = await authHarness();
    const registration = aRegistration();
    await auth.register.execute(registration);
    const session = await auth.login.execute(registration);
    const next = await auth.refresh.execute({ refreshToken: session.refreshToken });

    await auth.logout.execute({ refreshToken: next.refreshToken });
    await expect(auth.refresh.execute({ refreshToken: next.refreshToken })).rejects.toMatchObject({ code: 'refresh_token_revoked' });
    await expect(auth.refresh.execute({ refreshToken: session.refreshToken })).rejects.toMatchObject({ code: 'refresh_token_revoked' });
  });

  it('stops the session’s access tokens at once, and only that session’s', async () => {
    const { auth } = await authHarness();
    const registration = aRegistration();
    await auth.register.execute(registration);
    const laptop = await auth.login.execute(registration);
    const phone = await auth.login.execute(registration);
    await expect(auth.verifier.verify(laptop.accessToken)).resolves.toBeDefined();
    await auth.logout.execute({ refreshToken: laptop.refreshToken });
    await expect(auth.verifier.verify(laptop.accessToken)).rejects.toMatchObject({ status: 401, code: 'token_revoked' });
    await expect(auth.verifier.verify(phone.accessToken)).resolves.toMatchObject({ email: registration.email });
  });

  it('is idempotent and silent about tokens it does not know', async () => {
    const { auth } = await authHarness();
    const registration = aRegistration();
    await auth.register.execute(registration);
    const session = await auth.login.execute(registration);
    await auth.logout.execute({ refreshToken: session.refreshToken });
    await expect(auth.logout.execute({ refreshToken: session.refreshToken })).resolves.toBeUndefined();
    await expect(auth.logout.execute({ refreshToken: 'B'.repeat(43) })).resolves.toBeUndefined();
    await expect(auth.logout.execute({ refreshToken: 'garbage' })).resolves.toBeUndefined();
  });

  it('ends only the one session', async () => {
    const { auth } = await authHarness();
    const registration = aRegistration();
    await auth.register.execute(registration);
    const laptop = await auth.login.execute(registration);
    const phone = await auth.login.execute(registration);
    await auth.logout.execute({ refreshToken: laptop.refreshToken });
    await expect(auth.refresh.execute({ refreshToken: phone.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
  });
});
