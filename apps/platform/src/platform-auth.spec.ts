import { createTestAppContext } from '@mosaic/kit-app';
import request from 'supertest';
import { VerifyAccessToken } from '@mosaic/auth-usecase';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createPlatform } from './platform';

const password = 'correct horse battery';

async function platform(env: NodeJS.ProcessEnv = {}) {
  return (await createPlatform(await createTestAppContext(env))).http.app;
}

describe('platform: stale tokens on public routes', async () => {
  const app = await platform();
  const link = await request(app).post('/api/v1/links').send({ url: 'https://example.org/landing' });
  await request(app).post('/api/v1/auth/register').send({ email: 'stale@example.com', password });
  const session = (await request(app).post('/api/v1/auth/login').send({ email: 'stale@example.com', password })).body;
  await request(app).post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken });
  const live = (await request(app).post('/api/v1/auth/login').send({ email: 'stale@example.com', password })).body.accessToken as string;
  const forged = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.';
  // Every check a token gets: its signature and its session's revocation.
  const checks = vi.spyOn(VerifyAccessToken.prototype, 'verify');
  afterAll(() => checks.mockRestore());

  /** Pages, redirects (through express: the platform has no fast path for them) and probes. */
  const publicRoutes = (cookie: string) => [
    request(app).get('/').set('Cookie', cookie).set('Accept', 'text/html'),
    request(app).get('/s/').set('Cookie', cookie).set('Accept', 'text/html'),
    request(app).get(`/${link.body.code}`).set('Cookie', cookie),
    request(app).get('/health').set('Cookie', cookie),
  ];

  it.each([
    ['a forged', forged, 'invalid_token'],
    ['a signed-out session’s', session.accessToken as string, 'token_revoked'],
  ])('lets a browser with %s accessToken cookie see pages and follow short links; protected routes answer 401', async (_case, token, code) => {
    const cookie = `accessToken=${token}`;
    checks.mockClear();
    const [home, page, redirect, health] = await Promise.all(publicRoutes(cookie));
    expect([home.status, page.status, health.status]).toEqual([200, 200, 200]);
    expect([301, 302]).toContain(redirect.status);
    expect(redirect.headers.location).toBe('https://example.org/landing');
    // None of them paid for checking the token.
    expect(checks).not.toHaveBeenCalled();

    for (const path of ['/api/v1/whoami', '/api/v1/accounts']) {
      const res = await request(app).get(path).set('Cookie', cookie);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe(code);
      // …and the first route that checks the cookie tells the browser to drop it.
      expect(res.headers['set-cookie']?.[0]).toMatch(/^accessToken=; Path=\/; Expires=Thu, 01 Jan 1970/);
    }
    expect(checks).toHaveBeenCalledTimes(2);
  });

  it('checks a valid token only where the principal is read', async () => {
    checks.mockClear();
    for (const res of await Promise.all(publicRoutes(`accessToken=${live}`))) expect(res.status).toBeLessThan(400);
    expect(checks).not.toHaveBeenCalled();
    const whoami = await request(app).get('/api/v1/whoami').set('Authorization', `Bearer ${live}`);
    expect(whoami.body.email).toBe('stale@example.com');
    const created = await request(app).post('/api/v1/links').set('Authorization', `Bearer ${live}`).send({ url: 'https://example.org/mine' });
    expect(created.status).toBe(201);
    expect(checks).toHaveBeenCalledTimes(2);
  });
});

describe('platform behind a proxy', () => {
  it('with TRUST_PROXY, marks the cookie Secure for https and limits by the forwarded address', async () => {
    const app = await platform({ TRUST_PROXY: '1' });
    await request(app).post('/api/v1/auth/register').send({ email: 'proxied@example.com', password });
    const secure = await request(app).post('/api/v1/auth/login').set('X-Forwarded-Proto', 'https').send({ email: 'proxied@example.com', password });
    expect(secure.headers['set-cookie']?.[0]).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
    const plain = await request(app).post('/api/v1/auth/login').send({ email: 'proxied@example.com', password });
    expect(plain.headers['set-cookie']?.[0]).toMatch(/; HttpOnly; SameSite=Lax$/);

    // Ten wrong passwords from one address: that address is refused, the owner elsewhere is not.
    const statuses = [];
    for (let i = 0; i < 10; i++) {
      statuses.push(
        (
          await request(app)
            .post('/api/v1/auth/login')
            .set('X-Forwarded-For', '203.0.113.66')
            .send({ email: 'proxied@example.com', password: `guess ${i} wrong` })
        ).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429]);
    const limited = await request(app).post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.66').send({ email: 'proxied@example.com', password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const owner = await request(app).post('/api/v1/auth/login').set('X-Forwarded-For', '198.51.100.7').send({ email: 'proxied@example.com', password });
    expect(owner.status).toBe(200);
  }, 30_000);

  it('without TRUST_PROXY, ignores forwarded headers', async () => {
    const app = await platform();
    await request(app).post('/api/v1/auth/register').send({ email: 'direct@example.com', password });
    const login = await request(app).post('/api/v1/auth/login').set('X-Forwarded-Proto', 'https').send({ email: 'direct@example.com', password });
    expect(login.headers['set-cookie']?.[0]).not.toMatch(/Secure/);
  });

  it('builds short links only on allowed hosts, never on an arbitrary Host header', async () => {
    const app = await platform({ ALLOWED_HOSTS: 'sho.rt' });
    const trusted = await request(app).post('/api/v1/links').set('Host', 'sho.rt').send({ url: 'https://example.org/a' });
    expect(trusted.body.shortUrl).toBe(`http://sho.rt/${trusted.body.code}`);
    const spoofed = await request(app).post('/api/v1/links').set('Host', 'evil.example').send({ url: 'https://example.org/b' });
    expect(spoofed.body.shortUrl).toMatch(new RegExp(`^http://sho\\.rt:\\d+/${spoofed.body.code}$`));
  });
});
