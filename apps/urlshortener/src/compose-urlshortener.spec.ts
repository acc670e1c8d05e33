import { createTestAppContext } from '@mosaic/kit-app';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
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

  it('serves its page at / and reports the click flusher as ready', async () => {
    const app = await composedApp();
    expect((await request(app).get('/')).text).toContain('Shorten a link');
    expect((await request(app).get('/ready')).body.checks).toMatchObject({ 'urlshortener-clicks': 'ok' });
  });

  it('builds short URLs from PUBLIC_URL and refuses links back to it', async () => {
    const app = await composedApp({ PUBLIC_URL: 'https://sho.rt' });
    const created = await request(app).post('/api/v1/links').send({ url: 'https://example.com/' });
    expect(created.body.shortUrl).toBe(`https://sho.rt/${created.body.code}`);
    const loop = await request(app).post('/api/v1/links').send({ url: `https://sho.rt/${created.body.code}` });
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
