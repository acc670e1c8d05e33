import { describe, expect, it } from 'vitest';
import { aRegistration, authHarness } from '../test-support/auth-harness';

async function signedIn() {
  const harness = await authHarness();
  const registration = aRegistration();
  const user = await harness.auth.register.execute(registration);
  const session = await harness.auth.login.execute({ email: registration.email, password: registration.password });
  return { ...harness, registration, user, session };
}

describe('RefreshSession', () => {
  it('exchanges a refresh token for a new pair in the same session', async () => {
    const { auth, clock, user, session } = await signedIn();
    clock.advance(60_000);
    const next = await auth.refresh.execute({ refreshToken: session.refreshToken });
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.accessToken).not.toBe(session.accessToken);
    const before = await auth.verifier.verify(session.accessToken);
    const after = await auth.verifier.verify(next.accessToken);
    expect(after).toMatchObject({ userId: user.id, sessionId: before.sessionId, issuedAt: clock.now() });
    // and the new refresh token is itself good for one exchange
    await expect(auth.refresh.execute({ refreshToken: next.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('treats a rotated token presented again as theft: the whole session is revoked', async () => {
    const { auth, session, user, events } = await signedIn();
    const next = await auth.refresh.execute({ refreshToken: session.refreshToken });

    await expect(auth.refresh.execute({ refreshToken: session.refreshToken, ip: '198.51.100.66' })).rejects.toMatchObject({
      status: 401,
      code: 'refresh_token_reused',
    });
    await expect(auth.refresh.execute({ refreshToken: next.refreshToken })).rejects.toMatchObject({
      status: 401,
      code: 'refresh_token_revoked',
    });
    expect(events).toContainEqual({ type: 'refresh_token_reused', userId: user.id, familyId: expect.any(String), ip: '198.51.100.66' });
  });

  it('stops the revoked session’s access tokens at once, not at their expiry', async () => {
    const { auth, registration, session } = await signedIn();
    const other = await auth.login.execute(registration);
    const next = await auth.refresh.execute({ refreshToken: session.refreshToken });
    await expect(auth.refresh.execute({ refreshToken: session.refreshToken })).rejects.toMatchObject({ code: 'refresh_token_reused' });
    for (const token of [session.accessToken, next.accessToken]) {
      await expect(auth.verifier.verify(token)).rejects.toMatchObject({ status: 401, code: 'token_revoked' });
    }
    await expect(auth.verifier.verify(other.accessToken)).resolves.toMatchObject({ email: registration.email });
  });

  it('lets exactly one of two concurrent refreshes with one token win; the other counts as reuse', async () => {
    const { auth, session } = await signedIn();
    const results = await Promise.allSettled([
      auth.refresh.execute({ refreshToken: session.refreshToken }),
      auth.refresh.execute({ refreshToken: session.refreshToken }),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ status: 401, code: 'refresh_token_reused' });
    const winner = (won[0] as PromiseFulfilledResult<{ refreshToken: string }>).value;
    await expect(auth.refresh.execute({ refreshToken: winner.refreshToken })).rejects.toMatchObject({ code: 'refresh_token_revoked' });
  });

  it('leaves the user’s other sessions alone when one is revoked for reuse', async () => {
    const { auth, registration, session } = await signedIn();
    const other = await auth.login.execute({ email: registration.email, password: registration.password });
    await auth.refresh.execute({ refreshToken: session.refreshToken });
    await expect(auth.refresh.execute({ refreshToken: session.refreshToken })).rejects.toMatchObject({ code: 'refresh_token_reused' });
    await expect(auth.refresh.execute({ refreshToken: other.refreshToken })).resolves.toMatchObject({ tokenType: 'Bearer' });
  });

  it('refuses a refresh token past its TTL', async () => {
    const { auth, clock, session } = await signedIn();
    clock.advance(7 * 24 * 3600 * 1000);
    await expect(auth.refresh.execute({ refreshToken: session.refreshToken })).rejects.toMatchObject({
      status: 401,
      code: 'refresh_token_expired',
    });
  });

  it('ends a session at its maximum age however often it is refreshed', async () => {
    const { auth, clock, session } = await signedIn();
    let refreshToken = session.refreshToken;
    for (let day = 6; day < 30; day += 6) {
      clock.advance(6 * 24 * 3600 * 1000);
      ({ refreshToken } = await auth.refresh.execute({ refreshToken }));
    }
    clock.advance(6 * 24 * 3600 * 1000);
    await expect(auth.refresh.execute({ refreshToken })).rejects.toMatchObject({ code: 'refresh_token_expired' });
  });

  it.each([
    ['an unknown token', 'A'.repeat(43)],
    ['a malformed token', "' OR 1=1 --"],
    ['an empty token', ''],
    ['an oversized token', 'A'.repeat(100_000)],
  ])('refuses %s as invalid', async (_case, refreshToken) => {
    const { auth } = await signedIn();
    await expect(auth.refresh.execute({ refreshToken })).rejects.toMatchObject({ status: 401, code: 'invalid_refresh_token' });
  });

  it('refuses an access token presented as a refresh token', async () => {
    const { auth, session } = await signedIn();
    await expect(auth.refresh.execute({ refreshToken: session.accessToken })).rejects.toMatchObject({ code: 'invalid_refresh_token' });
    await expect(auth.refresh.execute({ refreshToken: session.refreshToken })).resolves.toBeDefined();
  });
});
