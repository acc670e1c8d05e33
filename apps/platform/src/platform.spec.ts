import { createTestAppContext } from '@mosaic/kit-app';
import { STRICT_CONTENT_SECURITY_POLICY } from '@mosaic/kit-http';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createPlatform } from './platform';

describe('platform', async () => {
  const { app } = (await createPlatform(await createTestAppContext())).http;

  it('lists every domain on its home page, under the strict policy', async () => {
    const res = await request(app).get('/').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toBe(STRICT_CONTENT_SECURITY_POLICY);
    for (const name of ['URL shortener', 'Auth', 'Account', 'Chat', 'Exchange', 'Flash sale']) expect(res.text).toContain(name);
  });

  it('links only to pages it serves: every link on the home page answers HTML', async () => {
    const home = (await request(app).get('/')).text;
    const links = [...new Set([...home.matchAll(/<a [^>]*href="([^"#]+)"/g)].map((m) => m[1]!))];
    expect(links).toEqual(expect.arrayContaining(['/', '/s/', '/accounts/', '/signin', '/docs']));
    for (const link of links) {
      const res = await request(app).get(link).set('Accept', 'text/html');
      expect([link, res.status, res.headers['content-type']]).toEqual([link, 200, expect.stringContaining('text/html')]);
      // Every page ours; the API reference (Swagger UI) keeps a policy as strict, of its own.
      if (link === '/docs') expect(res.headers['content-security-policy']).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
      else expect(res.headers['content-security-policy']).toBe(STRICT_CONTENT_SECURITY_POLICY);
      expect(res.headers['content-security-policy']).not.toContain('unsafe');
    }
  });

  it('is live and ready on the embedded default', async () => {
    expect((await request(app).get('/health')).status).toBe(200);
    expect((await request(app).get('/ready')).status).toBe(200);
  });

  it('lets a newcomer register, sign in and reach a protected route with the token or the cookie', async () => {
    const credentials = { email: 'ada@example.com', password: 'correct horse battery' };
    expect((await request(app).post('/api/v1/auth/register').send(credentials)).status).toBe(201);
    const login = await request(app).post('/api/v1/auth/login').send(credentials);
    expect(login.status).toBe(200);
    const bearer = await request(app).get('/api/v1/whoami').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(bearer.status).toBe(200);
    expect(bearer.body).toMatchObject({ email: 'ada@example.com' });
    const cookie = await request(app).get('/api/v1/whoami').set('Cookie', login.headers['set-cookie']!);
    expect(cookie.body.id).toBe(bearer.body.id);
  });

  it('opens an account for a signed-in user and keeps it from others', async () => {
    const session = async (email: string) => {
      await request(app).post('/api/v1/auth/register').send({ email, password: 'correct horse battery' });
      const login = await request(app).post('/api/v1/auth/login').send({ email, password: 'correct horse battery' });
      return { Authorization: `Bearer ${login.body.accessToken}` };
    };
    const owner = await session('owner@example.com');
    const stranger = await session('stranger@example.com');
    const opened = await request(app).post('/api/v1/accounts').set(owner).send({ currency: 'USD' });
    expect(opened.status).toBe(201);
    expect((await request(app).get(`/api/v1/accounts/${opened.body.id}`).set(owner)).body.balance).toBe('0.00');
    expect((await request(app).get(`/api/v1/accounts/${opened.body.id}`).set(stranger)).status).toBe(404);
    expect((await request(app).post('/api/v1/accounts').send({ currency: 'USD' })).status).toBe(401);
  });

  it('refuses the protected route without a token, or with a forged one', async () => {
    expect((await request(app).get('/api/v1/whoami')).status).toBe(401);
    const forged = await request(app).get('/api/v1/whoami').set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.');
    expect(forged.status).toBe(401);
  });

  it('shortens a link, serves the page at /s/ and redirects the short code', async () => {
    const created = await request(app).post('/api/v1/links').send({ url: 'https://example.org/some/long/path' });
    expect(created.status).toBe(201);
    const redirect = await request(app).get(`/${created.body.code}`);
    expect([301, 302]).toContain(redirect.status);
    expect(redirect.headers.location).toBe('https://example.org/some/long/path');
    const page = await request(app).get('/s/').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API routes with JSON', async () => {
    const res = await request(app).get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('route_not_found');
  });
});
