import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { STRICT_CONTENT_SECURITY_POLICY } from '@mosaic/kit-http';
import { createUrlshortenerRouter } from './urlshortener-router';
import { shortenerTestApp } from './test-support/shortener-test-app';

describe('the web page', () => {
  it('is served at / in the shared look, under the strict policy, with its bundled script', async () => {
    const { app } = shortenerTestApp();
    const res = await request(app).get('/').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('<form id="shorten"');
    expect(res.text).toContain('class="mx-header"');
    expect(res.headers['content-security-policy']).toBe(STRICT_CONTENT_SECURITY_POLICY);
    const script = /<script type="module" src="([^"]+)"/.exec(res.text)?.[1];
    expect(script).toMatch(/^\/assets\/shortener-page\.[0-9a-f]+\.js$/);
    const bundle = await request(app).get(script!);
    expect(bundle.status).toBe(200);
    expect(bundle.text).toContain('mosaic.urlshortener.recent');
  });

  it('can live under another path, leaving / to the host app', async () => {
    const { app } = shortenerTestApp({ pagePath: '/s/' });
    expect((await request(app).get('/s/')).text).toContain('Shorten a link');
    expect((await request(app).get('/s')).status).toBe(200);
    expect((await request(app).get('/')).status).toBe(404);
  });

  it('refuses a page path that is not a directory, or that a short link could take', () => {
    const options = { useCases: shortenerTestApp().useCases, createLinkLimiter: () => undefined };
    expect(() => createUrlshortenerRouter({ ...options, pagePath: 's' })).toThrow(TypeError);
    expect(() => createUrlshortenerRouter({ ...options, pagePath: '/s' })).toThrow(TypeError);
    expect(() => createUrlshortenerRouter({ ...options, pagePath: '/links/' })).toThrow(/could be taken by a short link/);
  });
});
