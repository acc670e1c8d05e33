import { STRICT_CONTENT_SECURITY_POLICY } from '@mosaic/kit-http';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { asUser, NOW, shortenerTestApp } from './test-support/shortener-test-app';

async function shorten(app: Parameters<typeof request>[0], body: Record<string, unknown>, user?: string) {
  const call = request(app).post('/api/v1/links');
  const res = await (user ? call.set(asUser(user)) : call).send(body);
  expect(res.status).toBe(201);
  return res.body as { code: string };
}

describe('GET /:code', () => {
  it('redirects with 302 while the link can still change', async () => {
    const { app } = shortenerTestApp();
    const owned = await shorten(app, { url: 'https://example.com/owned' }, 'ann');
    const expiring = await shorten(app, { url: 'https://example.com/expiring', expiresAt: new Date(NOW + 60_000).toISOString() });
    for (const [code, url] of [
      [owned.code, 'https://example.com/owned'],
      [expiring.code, 'https://example.com/expiring'],
    ]) {
      const res = await request(app).get(`/${code}`);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(url);
      expect(res.headers['cache-control']).toBeUndefined();
    }
  });

  it('redirects with a cacheable 301 when nothing can ever change the link', async () => {
    const { app } = shortenerTestApp();
    const { code } = await shorten(app, { url: 'https://example.com/forever' });
    const res = await request(app).get(`/${code}`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('https://example.com/forever');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('sends the normalised, ASCII-only target', async () => {
    const { app } = shortenerTestApp();
    const { code } = await shorten(app, { url: 'https://bücher.example/straße?q=ä ö' });
    expect((await request(app).get(`/${code}`)).headers.location).toBe('https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%A4%20%C3%B6');
  });

  it('tells codes apart by case', async () => {
    const { app } = shortenerTestApp();
    await shorten(app, { url: 'https://example.com/lower', alias: 'promo' });
    await shorten(app, { url: 'https://example.com/upper', alias: 'PROMO' });
    expect((await request(app).get('/promo')).headers.location).toBe('https://example.com/lower');
    expect((await request(app).get('/PROMO')).headers.location).toBe('https://example.com/upper');
  });

  it('serves hot links from memory, without reading the repository', async () => {
    const { app, links } = shortenerTestApp();
    const { code } = await shorten(app, { url: 'https://example.com/hot' });
    for (let i = 0; i < 20; i++) await request(app).get(`/${code}`).expect(301);
    expect(links.reads).toBe(0);
  });

  it('reads the repository once for an unknown code however often it is asked', async () => {
    const { app, links } = shortenerTestApp();
    for (let i = 0; i < 20; i++) await request(app).get('/nothing1').set('Accept', 'application/json').expect(404);
    expect(links.reads).toBe(1);
  });

  it('answers a browser with an HTML 404 page', async () => {
    const { app } = shortenerTestApp();
    const res = await request(app).get('/nothing1').set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toBe(STRICT_CONTENT_SECURITY_POLICY);
    expect(res.text).toContain('This short link does not exist');
  });

  it('answers an API client with a JSON 404', async () => {
    const { app } = shortenerTestApp();
    for (const accept of ['application/json', '*/*']) {
      const res = await request(app).get('/nothing1').set('Accept', accept);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: { code: 'link_not_found', message: 'No link with code "nothing1"' } });
    }
  });

  it('answers 404 once a link has expired', async () => {
    const { app, clock } = shortenerTestApp();
    const { code } = await shorten(app, { url: 'https://example.com/', expiresAt: new Date(NOW + 60_000).toISOString() });
    await request(app).get(`/${code}`).expect(302);
    clock.advance(60_000);
    await request(app).get(`/${code}`).set('Accept', 'application/json').expect(404);
  });

  it('counts each visit, but not HEAD requests', async () => {
    const { app } = shortenerTestApp();
    const { code } = await shorten(app, { url: 'https://example.com/' });
    await request(app).get(`/${code}`);
    await request(app).get(`/${code}`);
    await request(app).head(`/${code}`).expect(301);
    expect((await request(app).get(`/api/v1/links/${code}`)).body.clicks).toBe(2);
  });

  it('lets reserved words and paths that cannot be codes through to later routes', async () => {
    const { app } = shortenerTestApp({
      after: (app) => {
        app.get('/exchange', (_req, res) => res.send('exchange'));
        app.get('/flashsale/', (_req, res) => res.send('flash sale'));
        app.get('/robots.txt', (_req, res) => res.send('robots'));
      },
    });
    expect((await request(app).get('/exchange')).text).toBe('exchange');
    expect((await request(app).get('/flashsale/')).text).toBe('flash sale');
    expect((await request(app).get('/robots.txt')).text).toBe('robots');
    expect((await request(app).get('/health')).body).toEqual({ status: 'ok' });
    expect((await request(app).get('/x')).body.error.code).toBe('route_not_found');
  });

  it('reads the repository once when a burst of visits hits a cold code', async () => {
    const warm = shortenerTestApp();
    const { code } = await shorten(warm.app, { url: 'https://example.com/burst' });
    const link = await warm.useCases.resolveLink.execute(code, false);
    // Another process: the link is in the shared store, not in this one's memory.
    const cold = shortenerTestApp();
    await cold.links.inner.insert(link!);
    const responses = await Promise.all(Array.from({ length: 50 }, () => request(cold.app).get(`/${code}`)));
    expect(responses.every((res) => res.status === 301)).toBe(true);
    expect(cold.links.reads).toBe(1);
    expect((await request(cold.app).get(`/api/v1/links/${code}`)).body.clicks).toBe(50);
  });
});
