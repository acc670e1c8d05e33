import { toEmail } from '@mosaic/auth-domain';
import { attemptLimits, REFRESH_TOKEN_PATTERN, ScryptPasswordHasher } from '@mosaic/auth-repository';
import { describe, expect, it } from 'vitest';
import { aRegistration, authHarness, CountingHasher, TEST_SCRYPT_COST } from '../test-support/auth-harness';

describe('LogIn', () => {
  it('answers an access token for the account, a refresh token and the profile', async () => {
    const { auth, clock } = await authHarness();
    const registration = aRegistration();
    const profile = await auth.register.execute(registration);

    const session = await auth.login.execute({ email: registration.email, password: registration.password });
    expect(session).toEqual({
      accessToken: expect.any(String),
      expiresIn: 900,
      tokenType: 'Bearer',
      refreshToken: expect.stringMatching(REFRESH_TOKEN_PATTERN),
      refreshTokenExpiresAt: new Date(clock.nowMs() + 7 * 24 * 3600 * 1000),
      user: profile,
    });
    expect(await auth.verifier.verify(session.accessToken)).toEqual({
      userId: profile.id,
      email: registration.email,
      roles: ['user'],
      sessionId: expect.stringMatching(/^\d+$/),
      issuedAt: clock.now(),
      expiresAt: new Date(clock.nowMs() + 900_000),
    });
  });

  it('accepts the email in any letter case and with surrounding spaces', async () => {
    const { auth } = await authHarness();
    const registration = aRegistration();
    await auth.register.execute(registration);
    await expect(auth.login.execute({ email: ` ${registration.email.toUpperCase()}`, password: registration.password })).resolves.toMatchObject({
      tokenType: 'Bearer',
    });
  });

  it('gives an unknown email and a wrong password the same answer after the same work', async () => {
    const hasher = new CountingHasher(new ScryptPasswordHasher(TEST_SCRYPT_COST));
    const { auth, events } = await authHarness({ hasher });
    const registration = aRegistration();
    await auth.register.execute(registration);

    const unknown = await auth.login.execute({ email: aRegistration().email, password: registration.password }).catch((e: unknown) => e);
    const wrong = await auth.login.execute({ email: registration.email, password: 'not the password' }).catch((e: unknown) => e);
    for (const error of [unknown, wrong]) {
      expect(error).toMatchObject({ status: 401, code: 'invalid_credentials', message: 'Email or password is incorrect' });
    }
    // One full key derivation each: against a dummy hash when there is no account.
    expect(hasher.verifications).toEqual([{ hadHash: false }, { hadHash: true }]);
    expect(events.map((event) => event.type === 'login_failed' && event.reason)).toEqual(['unknown_email', 'wrong_password']);
  });

  it('refuses empty and oversized passwords as wrong credentials, still doing the work', async () => {
    const hasher = new CountingHasher(new ScryptPasswordHasher(TEST_SCRYPT_COST));
    const { auth } = await authHarness({ hasher });
    const registration = aRegistration();
    await auth.register.execute(registration);
    for (const password of ['', 'x'.repeat(100_000)]) {
      await expect(auth.login.execute({ email: registration.email, password })).rejects.toMatchObject({ code: 'invalid_credentials' });
    }
    expect(hasher.verifications).toHaveLength(2);
  });

  it('refuses a malformed email with 400 before looking anything up', async () => {
    const { auth } = await authHarness();
    await expect(auth.login.execute({ email: "' OR '1'='1", password: 'whatever1' })).rejects.toMatchObject({ status: 400, code: 'invalid_email' });
  });

  it('refuses a run of guesses from one address with 429, and a success clears the pair’s count', async () => {
    const { auth, events } = await authHarness({ limits: attemptLimits({ login: { ip: 100, pair: 3, freeEmailAttempts: 100 } }) });
    const registration = aRegistration();
    await auth.register.execute(registration);
    const from = { email: registration.email, ip: '198.51.100.9' };
    const guess = () => auth.login.execute({ ...from, password: 'wrong guess' });

    await expect(guess()).rejects.toMatchObject({ status: 401 });
    await expect(guess()).rejects.toMatchObject({ status: 401 });
    await auth.login.execute({ ...from, password: registration.password });
    await expect(guess()).rejects.toMatchObject({ status: 401 });
    await expect(guess()).rejects.toMatchObject({ status: 401 });
    await expect(guess()).rejects.toMatchObject({ status: 401 });
    await expect(guess()).rejects.toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    expect(events.at(-1)).toMatchObject({ type: 'attempts_limited', action: 'login', scope: 'pair' });
  });

  it('lets the owner in from another address after ten wrong passwords from one, slowed down, not locked out', async () => {
    const { auth, pauses } = await authHarness({ limits: attemptLimits({ login: { ip: 100, pair: 5, freeEmailAttempts: 5 } }) });
    const registration = aRegistration();
    await auth.register.execute(registration);
    const attacker = { email: registration.email, ip: '203.0.113.66' };
    const answers = [];
    for (let i = 0; i < 10; i++)
      answers.push(await auth.login.execute({ ...attacker, password: `guess number ${i}` }).catch((e: { status: number }) => e.status));
    expect(answers).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);

    const owner = await auth.login.execute({ email: registration.email, password: registration.password, ip: '198.51.100.1' });
    expect(owner.tokenType).toBe('Bearer');
    // The owner waited (the email is under attack); nobody was refused for the email alone.
    expect(pauses).toEqual([250]);
  });

  it('slows guesses at one email from many addresses down instead of refusing them', async () => {
    const { auth, pauses } = await authHarness({ limits: attemptLimits({ login: { ip: 100, pair: 100, freeEmailAttempts: 2 } }) });
    const registration = aRegistration();
    await auth.register.execute(registration);
    for (let i = 0; i < 5; i++) {
      await expect(auth.login.execute({ email: registration.email, password: 'wrong guess', ip: `203.0.113.${i + 1}` })).rejects.toMatchObject({ status: 401 });
    }
    expect(pauses).toEqual([250, 500, 1000]);
    await auth.login.execute({ email: registration.email, password: registration.password, ip: '198.51.100.1' });
    await auth.login.execute({ email: registration.email, password: registration.password, ip: '198.51.100.1' });
    expect(pauses).toEqual([250, 500, 1000, 2000]);
  });

  it('limits one address trying many accounts', async () => {
    const { auth } = await authHarness({ limits: attemptLimits({ login: { ip: 2, pair: 100 } }) });
    const attempt = () => auth.login.execute({ email: aRegistration().email, password: 'spray-password', ip: '203.0.113.50' });
    await expect(attempt()).rejects.toMatchObject({ status: 401 });
    await expect(attempt()).rejects.toMatchObject({ status: 401 });
    await expect(attempt()).rejects.toMatchObject({ status: 429 });
    await expect(auth.login.execute({ email: aRegistration().email, password: 'spray-password', ip: '203.0.113.51' })).rejects.toMatchObject({
      status: 401,
    });
  });

  it('upgrades a hash made under an older cost while the password is at hand', async () => {
    const old = await authHarness();
    const registration = aRegistration();
    await old.auth.register.execute(registration);
    const { auth: stronger } = await authHarness({ ...old.repositories, hasher: new ScryptPasswordHasher({ logN: 11 }) });

    await stronger.login.execute({ email: registration.email, password: registration.password });
    const stored = await old.repositories.users.findByEmail(toEmail(registration.email));
    expect(stored?.passwordHash).toMatch(/^\$scrypt\$ln=11,/);
    await expect(stronger.login.execute({ email: registration.email, password: registration.password })).resolves.toBeDefined();
  });

  it('signs in all the same when another change of the account lands before the upgraded hash is stored, keeping that change', async () => {
    const old = await authHarness();
    const registration = aRegistration();
    const { id } = await old.auth.register.execute(registration);
    const users = old.repositories.users;
    const findByEmail = users.findByEmail.bind(users);
    users.findByEmail = async (email) => {
      const user = await findByEmail(email);
      await old.auth.changeRole.execute({ actorRoles: ['admin'], userId: id, role: 'admin', granted: true });
      return user;
    };
    const { auth: stronger } = await authHarness({ ...old.repositories, hasher: new ScryptPasswordHasher({ logN: 11 }) });
    await expect(stronger.login.execute(registration)).resolves.toMatchObject({ tokenType: 'Bearer' });
    const stored = await findByEmail(toEmail(registration.email));
    expect(stored?.roles).toEqual(['user', 'admin']);
    expect(stored?.passwordHash).toMatch(/^\$scrypt\$ln=10,/);
  });
});
