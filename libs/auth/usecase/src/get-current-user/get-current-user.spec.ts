import { describe, expect, it } from 'vitest';
import { aRegistration, authHarness } from '../test-support/auth-harness';

describe('GetCurrentUser', () => {
  it('answers the profile of the account a token names', async () => {
    const { auth } = await authHarness();
    const registration = aRegistration();
    const profile = await auth.register.execute(registration);
    const session = await auth.login.execute(registration);
    const claims = await auth.verifier.verify(session.accessToken);
    expect(await auth.currentUser.execute({ userId: claims.userId })).toEqual(profile);
  });

  it('answers 404 for an account that does not exist', async () => {
    const { auth } = await authHarness();
    await expect(auth.currentUser.execute({ userId: '4242' })).rejects.toMatchObject({ status: 404, code: 'user_not_found' });
  });
});
