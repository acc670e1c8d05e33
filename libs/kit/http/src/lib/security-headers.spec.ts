import { createLogger } from '@mosaic/kit-log';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildHttpApp, STRICT_CONTENT_SECURITY_POLICY } from '../index';

const logger = createLogger({ name: 'test', level: 'silent', pretty: false });

function appBehind(trustProxy: boolean) {
  return buildHttpApp({
    logger,
    trustProxy,
    mount: (app) => {
      app.get('/page', (_req, res) => {
        res.type('html').send('<!doctype html><title>page</title>');
      });
    },
  }).app;
}

describe('security headers', () => {
  const app = appBehind(true);

  it.each(['/page', '/health', '/ready', '/no-such-route'])('are on %s (pages, operational endpoints and errors alike)', async (path) => {
    const res = await request(app).get(path);
    expect(res.headers['content-security-policy']).toBe(STRICT_CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('forbids inline script and style, plugins, framing and foreign base URLs', () => {
    const directives = Object.fromEntries(STRICT_CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
    });
    expect(STRICT_CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('sends HSTS only when the request came over TLS', async () => {
    expect((await request(app).get('/page')).headers['strict-transport-security']).toBeUndefined();
    const tls = await request(app).get('/page').set('X-Forwarded-Proto', 'https');
    expect(tls.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    // Without trust in the proxy, a client cannot claim TLS to get the header.
    const untrusted = await request(appBehind(false)).get('/page').set('X-Forwarded-Proto', 'https');
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
  });
});
