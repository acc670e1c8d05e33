import { createTestAppContext } from '@mosaic/kit-app';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { composeUrlshortener } from './compose-urlshortener';

async function composedApp(env: NodeJS.ProcessEnv = {}) {
  const composed = await composeUrlshortener(await createTestAppContext(env));
  return composed.http.app;
}

describe('the urlshortener app on the embedded default', () => {
  it('shortens a URL, redirects by the short link and counts the click', async () => {
    const app = await composedApp();
    const created = await request(app).post('/api/v1/links').send({ url: 'https://example.com/welcome' }).expect(201);
    const redirect = await request(app).get(`/${created.body.code}`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('https://example.com/welcome');
    expect((await request(app).get(`/api/v1/links/${created.body.code}`)).body.clicks).toBe(1);
  });

  it('answers a cached code ahead of express with the answer express gives; unknown, HEAD and odd requests go through express', async () => {
    const { http } = await composeUrlshortener(await createTestAppContext({}));
    const expressDispatches = vi.spyOn(http.app as unknown as { handle: (...args: unknown[]) => void }, 'handle');
    // The server's own listener (fast routes first, then express), and express alone.
    const [server, expressOnly] = [request(http.handle), request(http.app)];
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const { code } = (await server.post('/api/v1/links').send({ url: 'https://example.com/fast', expiresAt }).expect(201)).body as { code: string };
    const headersOf = (res: request.Response) => ({ ...res.headers, date: undefined });

    expressDispatches.mockClear();
    // A link just created is in process memory: the fast route answers it.
    const fast = await server.get(`/${code}`).set('X-Request-Id', 'same-id');
    expect(expressDispatches).not.toHaveBeenCalled();
    const viaExpress = await expressOnly.get(`/${code}`).set('X-Request-Id', 'same-id');
    expect(expressDispatches).toHaveBeenCalledTimes(1);
    expect(fast.status).toBe(302);
    expect(fast.headers.location).toBe('https://example.com/fast');
    expect(headersOf(fast)).toEqual(headersOf(viaExpress));

    expect((await server.head(`/${code}`)).status).toBe(302);
    expect((await server.get('/zz9unknown')).status).toBe(404);
    expect((await server.get(`/${code}/`)).status).toBe(302);
    expect(expressDispatches).toHaveBeenCalledTimes(4);
    // Every GET of the code is a visit, whichever path answered it; HEAD is not.
    expect((await server.get(`/api/v1/links/${code}`)).body.clicks).toBe(3);

    // A link that never expires is a 301 a browser may keep for a day, on both paths alike.
    const kept = (await server.post('/api/v1/links').send({ url: 'https://example.com/kept' }).expect(201)).body as { code: string };
    expressDispatches.mockClear();
    const [fastKept, expressKept] = [
      await server.get(`/${kept.code}`).set('X-Request-Id', 'same-id'),
      await expressOnly.get(`/${kept.code}`).set('X-Request-Id', 'same-id'),
    ];
    expect([fastKept.status, fastKept.headers['cache-control']]).toEqual([301, 'public, max-age=86400']);
    expect(headersOf(fastKept)).toEqual(headersOf(expressKept));
    expect(expressDispatches).toHaveBeenCalledTimes(1);
  });

  it('serves its page at / and reports the click flusher as ready', async () => {
    const app = await composedApp();
    expect((await request(app).get('/')).text).toContain('Shorten a link');
    expect((await request(app).get('/ready')).body.checks).toMatchObject({ 'urlshortener-clicks': 'ok' });
  });

  it('builds short URLs from PUBLIC_URL and refuses links back to it', async () => {
    const app = await composedApp({ PUBLIC_URL: 'https://sho.rt' });
    const created = await request(app).post('/api/v1/links').send({ url: 'https://example.com/' });
    expect(created.body.shortUrl).toBe(`https://sho.rt/${created.body.code}`);
    const loop = await request(app)
      .post('/api/v1/links')
      .send({ url: `https://sho.rt/${created.body.code}` });
    expect(loop.status).toBe(400);
    expect(loop.body.error.code).toBe('self_referencing_url');
  });

  it('limits link creation per client to URLSHORTENER_CREATE_LIMIT a minute', async () => {
    const app = await composedApp({ URLSHORTENER_CREATE_LIMIT: '2' });
    await request(app).post('/api/v1/links').send({ url: 'https://example.com/1' }).expect(201);
    await request(app).post('/api/v1/links').send({ url: 'https://example.com/2' }).expect(201);
    const limited = await request(app).post('/api/v1/links').send({ url: 'https://example.com/3' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses to start with a malformed setting, naming the variable', async () => {
    await expect(composedApp({ URLSHORTENER_CREATE_LIMIT: 'lots' })).rejects.toThrow(/URLSHORTENER_CREATE_LIMIT/);
  });
});
