import { toEmail } from '@mosaic/auth-domain';
import { attemptLimits } from '@mosaic/auth-repository';
import { describe, expect, it } from 'vitest';
import { aRegistration, authHarness } from '../test-support/auth-harness';

describe('RegisterUser', () => {
  it('creates an account with a normalised email and answers its profile', async () => {
    const { auth, clock } = await authHarness();
    const registration = aRegistration();
    const profile = await auth.register.execute({ ...registration, email: `  ${registration.email.toUpperCase()} ` });
    expect(profile).toEqual({ id: expect.stringMatching(/^\d+$/), email: registration.email, name: 'Ada', createdAt: clock.now() });
  });

  it('stores a salted scrypt hash, never the password', async () => {
    const { auth, repositories } = await authHarness();
    const first = aRegistration();
    const second = aRegistration({ password: first.password });
    await auth.register.execute(first);
    await auth.register.execute(second);
    const [a, b] = await Promise.all([first, second].map(({ email }) => repositories.users.findByEmail(toEmail(email))));
    expect(a?.passwordHash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    expect(a?.passwordHash).not.toContain(first.password);
    expect(a?.passwordHash).not.toBe(b?.passwordHash);
  });

  it('stores the account at version 1 and reports its registration once stored', async () => {
    const { auth, repositories, userEvents, clock } = await authHarness({ adminEmails: [] });
    const registration = aRegistration();
    const profile = await auth.register.execute(registration);
    expect((await repositories.users.findById(profile.id))?.version).toBe(1);
    expect(userEvents).toEqual([{ type: 'user.registered', userId: profile.id, email: registration.email, roles: ['user'], occurredAt: clock.now() }]);
    await expect(auth.register.execute(registration)).rejects.toMatchObject({ code: 'email_taken' });
    expect(userEvents).toHaveLength(1);
  });

  it('registers without a name', async () => {
    const { auth } = await authHarness();
    expect((await auth.register.execute(aRegistration({ name: null }))).name).toBeNull();
  });

  it('refuses an email already in use, in any letter case, with 409', async () => {
    const { auth } = await authHarness();
    const registration = aRegistration();
    await auth.register.execute(registration);
    await expect(auth.register.execute({ ...registration, email: registration.email.toUpperCase() })).rejects.toMatchObject({
      status: 409,
      code: 'email_taken',
    });
  });

  it.each([
    ['an invalid email', { email: "x'; DROP TABLE auth_users;--" }, 'invalid_email'],
    ['an oversized email', { email: `${'a'.repeat(300)}@example.com` }, 'invalid_email'],
    ['a short password', { password: 'short' }, 'weak_password'],
    ['an oversized password', { password: 'p'.repeat(10_000) }, 'weak_password'],
    ['one of the most common passwords', { password: 'password123' }, 'weak_password'],
    ['a keyboard walk', { password: 'qwertyuiop' }, 'weak_password'],
    ['a name with control characters', { name: 'Ada\u0000' }, 'invalid_name'],
  ])('refuses %s with 400 and stores nothing', async (_case, change, code) => {
    const { auth, repositories } = await authHarness();
    const valid = aRegistration();
    await expect(auth.register.execute({ ...valid, ...change })).rejects.toMatchObject({ status: 400, code });
    expect(await repositories.users.findByEmail(toEmail(valid.email))).toBeUndefined();
    // Nothing half-done blocks the same person registering properly afterwards.
    await expect(auth.register.execute(valid)).resolves.toMatchObject({ email: valid.email });
  });

  it('is rate limited per email and per address, storing nothing once limited', async () => {
    const { auth, repositories, events } = await authHarness({ limits: attemptLimits({ register: { ip: 3, pair: 1 } }) });
    const registration = aRegistration({ ip: '198.51.100.7' });
    await auth.register.execute(registration);
    await expect(auth.register.execute(registration)).rejects.toMatchObject({ status: 429, code: 'rate_limited' });

    await auth.register.execute(aRegistration({ ip: '198.51.100.7' }));
    const blocked = aRegistration({ ip: '198.51.100.7' });
    const error = await auth.register.execute(blocked).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: expect.any(Number) });
    expect(await repositories.users.findByEmail(toEmail(blocked.email))).toBeUndefined();
    expect(events.map((event) => event.type === 'attempts_limited' && event.scope)).toEqual(['pair', 'ip']);
  });

  it('refuses a password that is the email or the part before the @, naming the field', async () => {
    const { auth } = await authHarness();
    const registration = aRegistration();
    const local = registration.email.slice(0, registration.email.indexOf('@'));
    for (const password of [registration.email, local.toUpperCase()]) {
      await expect(auth.register.execute({ ...registration, password })).rejects.toMatchObject({
        status: 400,
        code: 'weak_password',
        details: [{ path: 'password', message: expect.any(String) }],
      });
    }
  });

  it('makes accounts with a configured admin email administrators, and only those', async () => {
    const admin = aRegistration();
    const { auth } = await authHarness({ adminEmails: [` ${admin.email.toUpperCase()}`] });
    await auth.register.execute(admin);
    const other = aRegistration();
    await auth.register.execute(other);
    expect((await auth.verifier.verify((await auth.login.execute(admin)).accessToken)).roles).toEqual(['user', 'admin']);
    expect((await auth.verifier.verify((await auth.login.execute(other)).accessToken)).roles).toEqual(['user']);
  });

  it('lets exactly one of concurrent registrations of one email through', async () => {
    const { auth } = await authHarness();
    const registration = aRegistration();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => auth.register.execute(registration)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason.code)).toEqual(
      Array(4).fill('email_taken'),
    );
  });
});
