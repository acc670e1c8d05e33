import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createUrlshortenerRouter } from './urlshortener-router';
import { shortenerTestApp } from './test-support/shortener-test-app';

describe('the web page', () => {
  it('is served at / with a policy that allows only its own script and style', async () => {
    const { app } = shortenerTestApp();
    const res = await request(app).get('/').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('<form id="shorten"');
    const policy = res.headers['content-security-policy'] as string;
    expect(policy).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
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
