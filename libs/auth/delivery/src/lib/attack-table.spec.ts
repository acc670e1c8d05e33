import { JwtAccessTokens, generateSigningKeys } from '@mosaic/auth-repository';
import { ManualClock } from '@mosaic/kit-core';
import { base64url, decodeJwt, UnsecuredJWT } from 'jose';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { aRegistration, AUDIENCE, authTestApp, ISSUER, type AuthTestApp } from '../test-support/auth-test-app';

interface Scene extends AuthTestApp {
  registration: ReturnType<typeof aRegistration>;
  accessToken: string;
  refreshToken: string;
  /** A refresh token already exchanged for `refreshToken`. */
  rotatedRefreshToken: string;
}

/** A registered user with a refreshed session; the writes of setting it up are forgotten. */
async function scene(): Promise<Scene> {
  const harness = await authTestApp();
  const registration = aRegistration();
  await request(harness.app).post('/api/v1/auth/register').send(registration);
  const login = await request(harness.app).post('/api/v1/auth/login').send({ email: registration.email, password: registration.password });
  const refreshed = await request(harness.app).post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken });
  harness.writes.length = 0;
  return {
    ...harness,
    registration,
    accessToken: refreshed.body.accessToken,
    refreshToken: refreshed.body.refreshToken,
    rotatedRefreshToken: login.body.refreshToken,
  };
}

const me = (s: Scene, token: string) => request(s.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
const register = (s: Scene, body: unknown) =>
  request(s.app)
    .post('/api/v1/auth/register')
    .send(body as object);
const login = (s: Scene, body: unknown) =>
  request(s.app)
    .post('/api/v1/auth/login')
    .send(body as object);
const segments = (token: string) => token.split('.') as [string, string, string];
const encode = (value: unknown) => base64url.encode(JSON.stringify(value));

async function signedByAnotherKey(s: Scene): Promise<string> {
  const impostor = new JwtAccessTokens({ keys: await generateSigningKeys(), issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 900, clock: new ManualClock() });
  const user = await s.repositories.users.findByEmail(decodeJwt(s.accessToken).email as never);
  return (await impostor.issue(user!, 'sid')).token;
}

const SQLISH_EMAILS = [
  "' OR '1'='1",
  "admin@example.com' --",
  'a@b.com; DROP TABLE auth_users;--',
  "robert'); DROP TABLE auth_users;--@example.com",
  '" OR ""="@example.com',
  'x@example.com\u0000admin',
];

type Row = [name: string, attack: (s: Scene) => Promise<request.Response>, status: number, code: string];

const rows: Row[] = [
  [
    'tampered signature',
    (s) => {
      const [header, payload, signature] = segments(s.accessToken);
      return me(s, `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`);
    },
    401,
    'invalid_token',
  ],
  [
    'tampered payload (someone else’s id, admin role)',
    (s) => {
      const [header, payload, signature] = segments(s.accessToken);
      const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
      return me(s, `${header}.${encode({ ...claims, sub: '1', roles: ['admin'] })}.${signature}`);
    },
    401,
    'invalid_token',
  ],
  ['alg: none', (s) => me(s, new UnsecuredJWT(decodeJwt(s.accessToken)).encode()), 401, 'invalid_token'],
  [
    'alg: none keeping our kid and type',
    (s) => {
      const header = encode({ alg: 'none', typ: 'at+jwt' });
      return me(s, `${header}.${segments(s.accessToken)[1]}.`);
    },
    401,
    'invalid_token',
  ],
  ['signed with the wrong key', async (s) => me(s, await signedByAnotherKey(s)), 401, 'invalid_token'],
  [
    'expired access token',
    (s) => {
      s.clock.advance(16 * 60 * 1000);
      return me(s, s.accessToken);
    },
    401,
    'token_expired',
  ],
  ['refresh token used as access token', (s) => me(s, s.refreshToken), 401, 'invalid_token'],
  ['tampered cookie', (s) => request(s.app).get('/api/v1/auth/me').set('Cookie', `accessToken=${s.accessToken}x`), 401, 'invalid_token'],
  [
    'access token used as refresh token',
    (s) => request(s.app).post('/api/v1/auth/refresh').send({ refreshToken: s.accessToken }),
    401,
    'invalid_refresh_token',
  ],
  [
    'reused (already rotated) refresh token',
    (s) => request(s.app).post('/api/v1/auth/refresh').send({ refreshToken: s.rotatedRefreshToken }),
    401,
    'refresh_token_reused',
  ],
  [
    'guessed refresh token',
    (s) =>
      request(s.app)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'A'.repeat(43) }),
    401,
    'invalid_refresh_token',
  ],
  ...SQLISH_EMAILS.map((email): Row => [
    `SQL-ish email on register: ${JSON.stringify(email)}`,
    (s) => register(s, aRegistration({ email })),
    400,
    'validation_failed',
  ]),
  ...SQLISH_EMAILS.map((email): Row => [
    `SQL-ish email on login: ${JSON.stringify(email)}`,
    (s) => login(s, { email, password: 'anything-1' }),
    400,
    'validation_failed',
  ]),
  ['oversized email on register', (s) => register(s, aRegistration({ email: `${'a'.repeat(5000)}@example.com` })), 400, 'validation_failed'],
  ['oversized email on login', (s) => login(s, { email: `${'a'.repeat(5000)}@example.com`, password: 'anything-1' }), 400, 'validation_failed'],
  ['oversized password on register', (s) => register(s, aRegistration({ password: 'p'.repeat(50_000) })), 400, 'validation_failed'],
  ['oversized body', (s) => register(s, aRegistration({ name: 'n'.repeat(200_000) })), 413, 'payload_too_large'],
  ['operator object instead of an email (NoSQL-style)', (s) => login(s, { email: { $ne: null }, password: { $ne: null } }), 400, 'validation_failed'],
  ['register without fields', (s) => register(s, {}), 400, 'validation_failed'],
  ['register without a password', (s) => register(s, { email: aRegistration().email }), 400, 'validation_failed'],
  ['login without fields', (s) => login(s, {}), 400, 'validation_failed'],
  ['login without a password', (s) => login(s, { email: s.registration.email }), 400, 'validation_failed'],
  ['refresh without a token', (s) => request(s.app).post('/api/v1/auth/refresh').send({}), 400, 'validation_failed'],
  ['logout without a token', (s) => request(s.app).post('/api/v1/auth/logout').send({}), 400, 'validation_failed'],
  [
    'form-encoded login (not JSON)',
    (s) => request(s.app).post('/api/v1/auth/login').type('form').send({ email: s.registration.email, password: s.registration.password }),
    400,
    'validation_failed',
  ],
  [
    'malformed JSON',
    (s) => request(s.app).post('/api/v1/auth/register').set('Content-Type', 'application/json').send('{"email": "a@b.c",'),
    400,
    'malformed_json',
  ],
];

describe('attack table: every row is rejected and stores nothing', () => {
  const table = rows.map(([name, attack, status, code]) => ({ name, attack, status, code }));
  it.each(table)('$name → $status $code', async ({ attack, status, code }) => {
    const s = await scene();
    const res = await attack(s);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    // Reuse detection revokes the session (a write, and the point); nothing is ever created.
    const allowed = code === 'refresh_token_reused' ? ['refreshTokens.revokeFamily'] : [];
    expect(s.writes).toEqual(allowed);
    expect(res.headers['set-cookie']?.[0] ?? '').not.toMatch(/^accessToken=[^;]/);
  });

  it('revokes the session after a reused refresh token, so the live token dies too', async () => {
    const s = await scene();
    await request(s.app).post('/api/v1/auth/refresh').send({ refreshToken: s.rotatedRefreshToken });
    const res = await request(s.app).post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('refresh_token_revoked');
  });

  it('clears a rejected cookie so the browser stops sending it', async () => {
    const s = await scene();
    const res = await request(s.app).get('/api/v1/auth/me').set('Cookie', 'accessToken=garbage');
    expect(res.headers['set-cookie']?.[0]).toMatch(/^accessToken=;.*Expires=Thu, 01 Jan 1970/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  });

  it('ignores fields a client may not set (mass assignment)', async () => {
    const s = await scene();
    const registration = aRegistration({ roles: ['admin'], id: '1', createdAt: '2000-01-01T00:00:00Z', passwordHash: 'x' });
    const res = await register(s, registration);
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe('1');
    expect(res.body.createdAt).toBe('2026-01-01T00:00:00.000Z');
    const tokens = await login(s, { email: registration.email, password: registration.password });
    expect(decodeJwt(tokens.body.accessToken).roles).toEqual(['user']);
  });

  it('stores an email with an apostrophe literally, as one more account', async () => {
    const s = await scene();
    const email = `o'neil.${Date.now()}@example.com`;
    expect((await register(s, aRegistration({ email }))).status).toBe(201);
    expect((await login(s, { email, password: 'correct horse battery staple' })).status).toBe(200);
    expect(s.writes.filter((write) => write === 'users.create')).toHaveLength(1);
  });
});
