import { describe, expect, it } from 'vitest';
import { aRegistration, authHarness } from '../test-support/auth-harness';

describe('PurgeExpiredSessions', () => {
  it('deletes refresh tokens that can no longer be used and keeps live ones', async () => {
    const { auth, clock } = await authHarness();
    const registration = aRegistration();
    await auth.register.execute(registration);
    await auth.login.execute(registration);
    clock.advance(3 * 24 * 3600 * 1000);
    const live = await auth.login.execute(registration);

    clock.advance(5 * 24 * 3600 * 1000);
    expect(await auth.purgeExpiredSessions.execute()).toBe(1);
    expect(await auth.purgeExpiredSessions.execute()).toBe(0);
    await expect(auth.refresh.execute({ refreshToken: live.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
  });
});
