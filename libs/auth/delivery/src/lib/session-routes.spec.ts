import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { aRegistration, authTestApp, type AuthTestAppOptions } from '../test-support/auth-test-app';

async function signIn(app: Parameters<typeof request>[0], credentials: { email: string; password: string }) {
  const res = await request(app).post('/api/v1/auth/login').send(credentials);
  expect(res.status).toBe(200);
  return res.body as { accessToken: string; refreshToken: string };
}

async function registeredTwice(options: AuthTestAppOptions = {}) {
  const harness = await authTestApp(options);
  const registration = aRegistration();
  const registered = await request(harness.app).post('/api/v1/auth/register').send(registration);
  const here = await signIn(harness.app, registration);
  const elsewhere = await signIn(harness.app, registration);
  return { ...harness, registration, profile: registered.body, here, elsewhere };
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('sessions end when they end', () => {
  it('refuses the access token of a logged-out session at once, on auth’s routes and other domains’', async () => {
    const { app, here, elsewhere } = await registeredTwice();
    expect((await request(app).get('/api/v1/notes/mine').set(bearer(here.accessToken))).status).toBe(200);
    expect((await request(app).post('/api/v1/auth/logout').send({ refreshToken: here.refreshToken })).status).toBe(204);

    for (const path of ['/api/v1/auth/me', '/api/v1/notes/mine']) {
      const res = await request(app).get(path).set(bearer(here.accessToken));
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('token_revoked');
    }
    // A public route does not care, and the other session goes on.
    expect((await request(app).get('/api/v1/public').set('Cookie', `accessToken=${here.accessToken}`)).status).toBe(200);
    expect((await request(app).get('/api/v1/auth/me').set(bearer(elsewhere.accessToken))).status).toBe(200);
  });

  it('refuses every access token of a session revoked for refresh-token reuse', async () => {
    const { app, here } = await registeredTwice();
    const next = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: here.refreshToken });
    expect((await request(app).post('/api/v1/auth/refresh').send({ refreshToken: here.refreshToken })).body.error.code).toBe('refresh_token_reused');
    for (const token of [here.accessToken, next.body.accessToken]) {
      expect((await request(app).get('/api/v1/notes/mine').set(bearer(token))).body.error.code).toBe('token_revoked');
    }
  });
});

describe('POST /api/v1/auth/password', () => {
  it('answers 204 and ends every other session of the account at once; this one goes on', async () => {
    const { app, registration, here, elsewhere } = await registeredTwice();
    const newPassword = 'a different passphrase 42';
    const res = await request(app).post('/api/v1/auth/password').set(bearer(here.accessToken)).send({ currentPassword: registration.password, newPassword });
    expect(res.status).toBe(204);

    expect((await request(app).get('/api/v1/auth/me').set(bearer(elsewhere.accessToken))).body.error.code).toBe('token_revoked');
    expect((await request(app).post('/api/v1/auth/refresh').send({ refreshToken: elsewhere.refreshToken })).body.error.code).toBe('refresh_token_revoked');
    expect((await request(app).get('/api/v1/auth/me').set(bearer(here.accessToken))).status).toBe(200);
    expect((await request(app).post('/api/v1/auth/login').send(registration)).status).toBe(401);
    expect((await request(app).post('/api/v1/auth/login').send({ email: registration.email, password: newPassword })).status).toBe(200);
  });

  it('answers 403 wrong_password for a wrong current password, 400 weak_password for a guessable new one, 401 without a token', async () => {
    const { app, registration, here } = await registeredTwice();
    const wrong = await request(app)
      .post('/api/v1/auth/password')
      .set(bearer(here.accessToken))
      .send({ currentPassword: 'not it at all', newPassword: 'a different passphrase 42' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('wrong_password');
    const weak = await request(app)
      .post('/api/v1/auth/password')
      .set(bearer(here.accessToken))
      .send({ currentPassword: registration.password, newPassword: 'password123' });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toMatchObject({ code: 'weak_password', details: [{ path: 'newPassword' }] });
    expect(
      (await request(app).post('/api/v1/auth/password').send({ currentPassword: registration.password, newPassword: 'a different passphrase 42' })).status,
    ).toBe(401);
  });
});

describe('weak passwords at registration', () => {
  it.each([
    ['one of the most common passwords', () => 'password123'],
    ['the email itself', (email: string) => email],
    ['the part before the @', (email: string) => email.slice(0, email.indexOf('@'))],
  ])('answers 400 weak_password for %s', async (_case, password) => {
    const { app } = await authTestApp();
    const registration = aRegistration();
    const res = await request(app)
      .post('/api/v1/auth/register')
      .send({ ...registration, password: password(registration.email) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'weak_password', details: [{ path: 'password', message: expect.any(String) }] });
  });
});

describe('PUT and DELETE /api/v1/auth/users/:id/roles/:role', () => {
  async function withAdmin() {
    const admin = aRegistration();
    const harness = await authTestApp({ adminEmails: [admin.email] });
    await request(harness.app).post('/api/v1/auth/register').send(admin);
    const adminTokens = await signIn(harness.app, admin);
    const member = aRegistration();
    const memberProfile = (await request(harness.app).post('/api/v1/auth/register').send(member)).body as { id: string };
    return { ...harness, adminTokens, member, memberProfile };
  }

  it('lets an admin grant and revoke a role (204), reaching the tokens issued afterwards', async () => {
    const { app, adminTokens, member, memberProfile } = await withAdmin();
    const url = `/api/v1/auth/users/${memberProfile.id}/roles/admin`;
    expect((await request(app).put(url).set(bearer(adminTokens.accessToken))).status).toBe(204);
    const promoted = await signIn(app, member);
    expect((await request(app).get('/api/v1/notes/mine').set(bearer(promoted.accessToken))).body.roles).toEqual(['user', 'admin']);

    expect((await request(app).delete(url).set(bearer(adminTokens.accessToken))).status).toBe(204);
    const refreshed = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: promoted.refreshToken });
    expect((await request(app).get('/api/v1/notes/mine').set(bearer(refreshed.body.accessToken))).body.roles).toEqual(['user']);
  });

  it('answers 403 to non-admins, 404 for an unknown user, 400 for an unknown role, 401 without a token', async () => {
    const { app, adminTokens, member, memberProfile } = await withAdmin();
    const memberTokens = await signIn(app, member);
    const forbidden = await request(app).put(`/api/v1/auth/users/${memberProfile.id}/roles/admin`).set(bearer(memberTokens.accessToken));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('admin_only');
    const unknownUser = await request(app).put('/api/v1/auth/users/123456789/roles/admin').set(bearer(adminTokens.accessToken));
    expect(unknownUser.status).toBe(404);
    expect(unknownUser.body.error.code).toBe('user_not_found');
    const unknownRole = await request(app).put(`/api/v1/auth/users/${memberProfile.id}/roles/root`).set(bearer(adminTokens.accessToken));
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.error.details).toEqual([{ path: 'params.role', message: 'must be one of user, admin' }]);
    expect((await request(app).delete(`/api/v1/auth/users/${memberProfile.id}/roles/admin`)).status).toBe(401);
  });
});
