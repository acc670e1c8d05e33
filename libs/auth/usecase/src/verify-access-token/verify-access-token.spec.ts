import type { AccessTokenClaims, TokenVerifier } from '@mosaic/auth-domain';
import { createMemorySessionRevocations } from '@mosaic/auth-repository';
import { describe, expect, it } from 'vitest';
import { aRegistration, authHarness } from '../test-support/auth-harness';
import { VerifyAccessToken } from './verify-access-token';

/** Counts signature checks, to show a token's signature is checked once. */
class CountingVerifier implements TokenVerifier {
  calls = 0;
  constructor(private readonly inner: TokenVerifier) {}
  verify(accessToken: string): Promise<AccessTokenClaims> {
    this.calls++;
    return this.inner.verify(accessToken);
  }
}

describe('VerifyAccessToken', () => {
  async function setUp() {
    const harness = await authHarness();
    const registration = aRegistration();
    await harness.auth.register.execute(registration);
    const session = await harness.auth.login.execute(registration);
    const tokens = new CountingVerifier(harness.crypto.tokenVerifier);
    const revocations = createMemorySessionRevocations({ ttlSeconds: 960, clock: harness.clock });
    const verifier = new VerifyAccessToken({ tokens, revocations, clock: harness.clock });
    return { ...harness, session, tokens, revocations, verifier };
  }

  it('checks a token’s signature once and remembers its claims until it expires', async () => {
    const { verifier, tokens, session, clock } = await setUp();
    const first = await verifier.verify(session.accessToken);
    expect(await verifier.verify(session.accessToken)).toEqual(first);
    expect(tokens.calls).toBe(1);
    // Past its expiry and the verifiers' clock tolerance.
    clock.advance(900_000 + 60_000);
    await expect(verifier.verify(session.accessToken)).rejects.toMatchObject({ status: 401, code: 'token_expired' });
    expect(tokens.calls).toBe(2);
  });

  it('still refuses a remembered token once its session ends', async () => {
    const { verifier, revocations, session } = await setUp();
    const claims = await verifier.verify(session.accessToken);
    await revocations.revoke([claims.sessionId]);
    await expect(verifier.verify(session.accessToken)).rejects.toMatchObject({ status: 401, code: 'token_revoked' });
  });

  it('remembers nothing of a refused token', async () => {
    const { verifier, tokens } = await setUp();
    for (let i = 0; i < 2; i++) await expect(verifier.verify('not.a.token')).rejects.toMatchObject({ code: 'invalid_token' });
    expect(tokens.calls).toBe(2);
  });
});
