import { attemptLimits } from '@mosaic/auth-repository';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { registerLoginRefreshLogoutJourney } from '../test-support/auth-http-journey';
import { aRegistration, authTestApp } from '../test-support/auth-test-app';

async function registered(options: Parameters<typeof authTestApp>[0] = {}) {
  const harness = await authTestApp(options);
  const registration = aRegistration();
  const res = await request(harness.app).post('/api/v1/auth/register').send(registration);
  return { ...harness, registration, profile: res.body };
}

async function loggedIn(options: Parameters<typeof authTestApp>[0] = {}) {
  const harness = await registered(options);
  const res = await request(harness.app).post('/api/v1/auth/login').send({ email: harness.registration.email, password: harness.registration.password });
  return { ...harness, login: res, tokens: res.body as { accessToken: string; refreshToken: string } };
}

function setCookie(res: request.Response): string[] {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  return header ?? [];
}

describe('auth routes over HTTP (memory)', () => {
  it('register → login → me → refresh → logout', async () => {
    const { app } = await authTestApp();
    await registerLoginRefreshLogoutJourney(app);
  });

  describe('POST /api/v1/auth/register', () => {
    it('answers 201 with the profile and never the password or its hash', async () => {
      const { app } = await authTestApp();
      const registration = aRegistration({ email: '  Grace.Upper@Example.COM ' });
      const res = await request(app).post('/api/v1/auth/register').send(registration);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^\d+$/),
        email: 'grace.upper@example.com',
        name: 'Grace Hopper',
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      expect(JSON.stringify(res.body)).not.toMatch(/password|scrypt/i);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('answers null for a name not given', async () => {
      const { app } = await authTestApp();
      const { name: _name, ...withoutName } = aRegistration();
      const res = await request(app).post('/api/v1/auth/register').send(withoutName);
      expect(res.status).toBe(201);
      expect(res.body.name).toBeNull();
    });

    it('answers 409 email_taken for an email in use', async () => {
      const { app, registration } = await registered();
      const res = await request(app)
        .post('/api/v1/auth/register')
        .send({ ...registration, email: registration.email.toUpperCase() });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({ error: { code: 'email_taken', message: 'An account with this email already exists' } });
    });

    it('names every invalid field', async () => {
      const { app } = await authTestApp();
      const res = await request(app).post('/api/v1/auth/register').send({ email: 'nope', password: 'short', name: '' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details).toEqual([
        { path: 'body.email', message: 'must be a single address like name@example.com' },
        { path: 'body.password', message: 'must be at least 8 characters' },
        { path: 'body.name', message: 'must not be empty' },
      ]);
    });
  });

  describe('POST /api/v1/auth/login', () => {
    it('answers the token pair and sets an HttpOnly, SameSite=Lax access token cookie', async () => {
      const { login } = await loggedIn();
      expect(login.status).toBe(200);
      expect(login.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
      expect(login.headers['cache-control']).toBe('no-store');
      const [cookie] = setCookie(login);
      expect(cookie).toMatch(new RegExp(`^accessToken=${login.body.accessToken};`));
      expect(cookie).toContain('Max-Age=900');
      expect(cookie).toContain('Path=/');
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).not.toContain('Secure');
    });

    it('marks the cookie Secure when the request came over HTTPS', async () => {
      const { app, registration } = await registered({ trustProxy: true });
      const res = await request(app)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-Proto', 'https')
        .send({ email: registration.email, password: registration.password });
      expect(setCookie(res)[0]).toContain('Secure');
    });

    it('gives an unknown email and a wrong password the very same 401', async () => {
      const { app, registration } = await registered();
      const wrong = await request(app).post('/api/v1/auth/login').send({ email: registration.email, password: 'not my password' });
      const unknown = await request(app).post('/api/v1/auth/login').send({ email: aRegistration().email, password: registration.password });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual({ error: { code: 'invalid_credentials', message: 'Email or password is incorrect' } });
      expect(unknown.body).toEqual(wrong.body);
      expect(setCookie(wrong)).toEqual([]);
    });

    it('answers 429 with Retry-After once one address’s attempts at an email are spent', async () => {
      const { app, registration } = await registered({ limits: attemptLimits({ login: { ip: 100, pair: 2 } }) });
      const guess = () => request(app).post('/api/v1/auth/login').send({ email: registration.email, password: 'guess-guess' });
      expect((await guess()).status).toBe(401);
      expect((await guess()).status).toBe(401);
      const limited = await guess();
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    });

    it('limits per client address, read through the trusted proxy', async () => {
      const { app } = await authTestApp({ limits: attemptLimits({ login: { ip: 2, pair: 100 } }), trustProxy: true });
      const from = (ip: string) =>
        request(app).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email: aRegistration().email, password: 'spray-spray' });
      expect((await from('203.0.113.5')).status).toBe(401);
      expect((await from('203.0.113.5')).status).toBe(401);
      expect((await from('203.0.113.5')).status).toBe(429);
      expect((await from('203.0.113.6')).status).toBe(401);
    });

    it('answers 429 for registration floods too', async () => {
      const { app } = await authTestApp({ limits: attemptLimits({ register: { ip: 2, pair: 100 } }) });
      expect((await request(app).post('/api/v1/auth/register').send(aRegistration())).status).toBe(201);
      expect((await request(app).post('/api/v1/auth/register').send(aRegistration())).status).toBe(201);
      expect((await request(app).post('/api/v1/auth/register').send(aRegistration())).status).toBe(429);
    });
  });

  describe("GET /api/v1/auth/me (the profile, with the session's roles)", () => {
    it('answers the profile for a bearer token', async () => {
      const { app, tokens, profile } = await loggedIn();
      const res = await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${tokens.accessToken}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...profile, roles: ['user'] });
    });

    it('answers the profile for the cookie a browser kept from login', async () => {
      const { app, registration, profile } = await registered();
      const browser = request.agent(app);
      await browser.post('/api/v1/auth/login').send({ email: registration.email, password: registration.password });
      const res = await browser.get('/api/v1/auth/me');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...profile, roles: ['user'] });
    });

    it('answers 401 unauthenticated without a token, with a Bearer challenge', async () => {
      const { app } = await authTestApp();
      const res = await request(app).get('/api/v1/auth/me');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthenticated', message: 'Authentication required' } });
      expect(res.headers['www-authenticate']).toBe('Bearer');
    });
  });

  describe('POST /api/v1/auth/refresh', () => {
    it('answers a new pair and a new cookie; the old refresh token is spent', async () => {
      const { app, tokens } = await loggedIn();
      const res = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
      expect(setCookie(res)[0]).toMatch(new RegExp(`^accessToken=${res.body.accessToken};`));

      const reused = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken });
      expect(reused.status).toBe(401);
      expect(reused.body.error.code).toBe('refresh_token_reused');
      const successor = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: res.body.refreshToken });
      expect(successor.status).toBe(401);
      expect(successor.body.error.code).toBe('refresh_token_revoked');
    });

    it('lets exactly one of two concurrent refreshes win', async () => {
      const { app, tokens } = await loggedIn();
      const [a, b] = await Promise.all([
        request(app).post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }),
        request(app).post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 401]);
      expect([a, b].find((res) => res.status === 401)?.body.error.code).toBe('refresh_token_reused');
    });
  });

  describe('POST /api/v1/auth/logout', () => {
    it('answers 204, clears the cookie and revokes the session', async () => {
      const { app, tokens } = await loggedIn();
      const res = await request(app).post('/api/v1/auth/logout').send({ refreshToken: tokens.refreshToken });
      expect(res.status).toBe(204);
      expect(setCookie(res)[0]).toMatch(/^accessToken=;.*Expires=Thu, 01 Jan 1970/);
      const refresh = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken });
      expect(refresh.body.error.code).toBe('refresh_token_revoked');
    });

    it('answers 204 for a token it does not know, telling nothing', async () => {
      const { app } = await authTestApp();
      const res = await request(app)
        .post('/api/v1/auth/logout')
        .send({ refreshToken: 'C'.repeat(43) });
      expect(res.status).toBe(204);
    });
  });

  describe('GET /api/v1/auth/jwks.json', () => {
    it('publishes the public verification keys, cacheable', async () => {
      const { app, crypto } = await authTestApp();
      const res = await request(app).get('/api/v1/auth/jwks.json');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(crypto.jwks());
      expect(res.body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(res.body.keys[0]).not.toHaveProperty('d');
      expect(res.headers['cache-control']).toBe('public, max-age=300');
    });
  });
});
