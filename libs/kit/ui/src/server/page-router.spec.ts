import { createLogger } from '@mosaic/kit-log';
import { buildHttpApp, STRICT_CONTENT_SECURITY_POLICY } from '@mosaic/kit-http';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { pageRouter, useMosaicUi } from './page-router';

const logger = createLogger({ name: 'test', level: 'silent', pretty: false });

const { app } = buildHttpApp({
  logger,
  mount: (app) => {
    useMosaicUi(app, {
      nav: [
        { label: 'Home', href: '/' },
        { label: 'Sample', href: '/sample/' },
      ],
      signInPath: '/signin',
      footerLinks: [{ label: 'API docs', href: '/docs' }],
    });
    app.use(pageRouter({ path: '/sample/', title: 'Sample <page>', body: '<p id="server-markup">hello</p>' }));
  },
});

const linked = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!);

describe('a page in the shared shell', () => {
  it('has the header, navigation, user slot and footer, and no inline script or style', async () => {
    const res = await request(app).get('/sample/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toBe(STRICT_CONTENT_SECURITY_POLICY);
    expect(res.text).toContain('<title>Sample &lt;page&gt; · Mosaic</title>');
    expect(res.text).toContain('<span>Mosaic</span>');
    expect(res.text).toContain('<a href="/sample/" aria-current="page">Sample</a>');
    expect(res.text).toContain('<a href="/">Home</a>');
    expect(res.text).toContain('id="mx-user"');
    expect(res.text).toContain('data-sign-in="/signin"');
    expect(res.text).toContain('<a href="/docs">API docs</a>');
    expect(res.text).toContain('<p id="server-markup">hello</p>');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/<style|\sstyle=/);
  });

  it('serves its script and the shared stylesheet at hashed, long-cached URLs', async () => {
    const html = (await request(app).get('/sample/')).text;
    const scripts = linked(html, /<script type="module" src="([^"]+)"/g);
    const styles = linked(html, /<link rel="stylesheet" href="([^"]+)"/g);
    expect(scripts).toHaveLength(1);
    expect(styles.length).toBeGreaterThanOrEqual(1);
    for (const url of [...scripts, ...styles]) {
      expect(url).toMatch(/^\/assets\/[a-z-]+\.[0-9a-f]{12}\.(js|css)$/);
      const asset = await request(app).get(url);
      expect(asset.status).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['content-type']).toMatch(/javascript|css/);
    }
    const css = (await request(app).get(styles[0]!)).text;
    expect(css).toContain('prefers-color-scheme:dark');
    expect((await request(app).get('/assets/kit.000000000000.css')).status).toBe(404);
  });

  it('serves the favicon as SVG', async () => {
    const res = await request(app).get('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(Buffer.from(res.body as Buffer).toString()).toContain('<svg');
  });

  it('serves the shared sign-in page with its own bundle', async () => {
    const res = await request(app).get('/signin?next=/sample/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>Sign in · Mosaic</title>');
    const [script] = linked(res.text, /<script type="module" src="([^"]+)"/g);
    expect(script).toMatch(/^\/assets\/sign-in-page\./);
    const js = await request(app).get(script!);
    expect(js.status).toBe(200);
    expect(js.text).toContain('Sign in to Mosaic');
  });
});
