import { createMemoryRateLimiter, rateLimit } from '@mosaic/kit-ratelimit';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { linkCreatorKey } from './http/link-creator-key';
import { scanQrSvg } from './test-support/scan-qr-svg';
import { asUser, NOW, PUBLIC_URL, shortenerTestApp } from './test-support/shortener-test-app';

const inOneDay = new Date(NOW + 86_400_000).toISOString();

describe('POST /api/v1/links', () => {
  it('creates a link and answers 201 with where it lives', async () => {
    const { app } = shortenerTestApp();
    const res = await request(app).post('/api/v1/links').send({ url: 'https://example.com/a?b=c' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      code: expect.stringMatching(/^[0-9A-Za-z]{7}$/),
      shortUrl: `${PUBLIC_URL}/${res.body.code}`,
      url: 'https://example.com/a?b=c',
      expiresAt: null,
      createdAt: new Date(NOW).toISOString(),
    });
    expect(res.headers.location).toBe(`/api/v1/links/${res.body.code}`);
  });

  it('takes an alias and an expiry', async () => {
    const { app } = shortenerTestApp();
    const res = await request(app).post('/api/v1/links').send({ url: 'https://example.com/', alias: 'Launch_2026', expiresAt: inOneDay });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'Launch_2026', shortUrl: `${PUBLIC_URL}/Launch_2026`, expiresAt: inOneDay });
  });

  it('accepts an expiry with a time-zone offset', async () => {
    const { app } = shortenerTestApp();
    const res = await request(app).post('/api/v1/links').send({ url: 'https://example.com/', expiresAt: '2026-01-02T09:00:00+02:00' });
    expect(res.body.expiresAt).toBe('2026-01-02T07:00:00.000Z');
  });

  it('builds short URLs from the request’s host when no public URL is configured and the host is allowed', async () => {
    const { app } = shortenerTestApp({ publicUrl: null, allowedHosts: ['links.example'] });
    const res = await request(app).post('/api/v1/links').set('Host', 'links.example:8080').send({ url: 'https://example.com/' });
    expect(res.body.shortUrl).toBe(`http://links.example:8080/${res.body.code}`);
  });

  it('never builds short URLs on a Host header outside the allow-list', async () => {
    const { app } = shortenerTestApp({ publicUrl: null, allowedHosts: ['links.example'] });
    const res = await request(app).post('/api/v1/links').set('Host', 'evil.example').send({ url: 'https://example.com/' });
    expect(res.body.shortUrl).toMatch(new RegExp(`^http://links\\.example:\\d+/${res.body.code}$`));
    const loopback = shortenerTestApp({ publicUrl: null });
    const byDefault = await request(loopback.app).post('/api/v1/links').set('Host', 'evil.example:80').send({ url: 'https://example.com/' });
    expect(byDefault.body.shortUrl).toMatch(new RegExp(`^http://localhost:\\d+/${byDefault.body.code}$`));
  });

  describe('refuses bad input with the right 4xx and stores nothing', () => {
    const table: { name: string; body: unknown; raw?: string; host?: string; status: number; code: string }[] = [
      { name: 'a javascript: URL', body: { url: 'javascript:alert(document.cookie)' }, status: 400, code: 'unsupported_scheme' },
      { name: 'a data: URL', body: { url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' }, status: 400, code: 'unsupported_scheme' },
      { name: 'a file: URL', body: { url: 'file:///etc/passwd' }, status: 400, code: 'unsupported_scheme' },
      { name: 'a URL back at the public host', body: { url: `${PUBLIC_URL}/abc1234` }, status: 400, code: 'self_referencing_url' },
      { name: 'a URL back at the requested host', host: 'go.local:3000', body: { url: 'http://go.local:3000/x' }, status: 400, code: 'self_referencing_url' },
      { name: 'a 3 KB URL', body: { url: `https://example.com/${'a'.repeat(3 * 1024)}` }, status: 400, code: 'url_too_long' },
      { name: 'a relative URL', body: { url: '/just/a/path' }, status: 400, code: 'invalid_url' },
      { name: 'credentials in the URL', body: { url: 'https://bank.example@evil.example/' }, status: 400, code: 'url_has_credentials' },
      { name: 'an alias with a slash', body: { url: 'https://example.com/', alias: 'a/b' }, status: 400, code: 'invalid_alias' },
      { name: 'an alias with spaces', body: { url: 'https://example.com/', alias: 'my link' }, status: 400, code: 'invalid_alias' },
      { name: 'an alias of two characters', body: { url: 'https://example.com/', alias: 'ab' }, status: 400, code: 'invalid_alias' },
      { name: 'a reserved alias', body: { url: 'https://example.com/', alias: 'health' }, status: 400, code: 'reserved_alias' },
      { name: 'an expiry in the past', body: { url: 'https://example.com/', expiresAt: '2025-12-31T23:59:59Z' }, status: 400, code: 'expiry_in_past' },
      {
        name: 'an expiry without a time zone',
        body: { url: 'https://example.com/', expiresAt: '2026-06-01T00:00:00' },
        status: 400,
        code: 'validation_failed',
      },
      { name: 'malformed JSON', raw: '{"url": "https://example.com/",', body: undefined, status: 400, code: 'malformed_json' },
      { name: 'a number for the URL', body: { url: 42 }, status: 400, code: 'validation_failed' },
      { name: 'a list for the alias', body: { url: 'https://example.com/', alias: ['x'] }, status: 400, code: 'validation_failed' },
      { name: 'a number for the expiry', body: { url: 'https://example.com/', expiresAt: 1767225600000 }, status: 400, code: 'validation_failed' },
      { name: 'a missing URL', body: {}, status: 400, code: 'validation_failed' },
      { name: 'a JSON array', body: ['https://example.com/'], status: 400, code: 'validation_failed' },
      { name: 'an unknown field', body: { url: 'https://example.com/', expires_at: inOneDay }, status: 400, code: 'validation_failed' },
      { name: 'a body over the size limit', body: { url: 'https://example.com/', padding: 'x'.repeat(200_000) }, status: 413, code: 'payload_too_large' },
    ];

    it.each(table)('$name → $status $code', async ({ body, raw, host, status, code }) => {
      const { app, links } = shortenerTestApp();
      let call = request(app).post('/api/v1/links');
      if (host) call = call.set('Host', host);
      const res = raw === undefined ? await call.send(body as object) : await call.set('Content-Type', 'application/json').send(raw);
      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject({ code, message: expect.any(String) });
      expect(links.inner.size).toBe(0);
    });

    it('a body that is not JSON → 400 validation_failed', async () => {
      const { app, links } = shortenerTestApp();
      const res = await request(app).post('/api/v1/links').set('Content-Type', 'text/plain').send('https://example.com/');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(links.inner.size).toBe(0);
    });

    it('a taken alias → 409 alias_taken, leaving the first link as it was', async () => {
      const { app, links } = shortenerTestApp();
      await request(app).post('/api/v1/links').send({ url: 'https://example.com/first', alias: 'taken' }).expect(201);
      const res = await request(app).post('/api/v1/links').send({ url: 'https://example.com/second', alias: 'taken' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('alias_taken');
      expect(links.inner.size).toBe(1);
      expect((await request(app).get('/api/v1/links/taken')).body.url).toBe('https://example.com/first');
    });

    it('names the offending field in the details', async () => {
      const { app } = shortenerTestApp();
      const res = await request(app).post('/api/v1/links').send({ url: 'ftp://example.com/' });
      expect(res.body.error).toEqual({
        code: 'unsupported_scheme',
        message: 'Only http and https URLs can be shortened, not "ftp"',
        details: [{ path: 'url', message: 'scheme "ftp" is not allowed' }],
      });
    });
  });

  it('limits creation per client with 429 and Retry-After, counting each signed-in user apart', async () => {
    const limiter = rateLimit({ limiter: createMemoryRateLimiter({ points: 2, durationSeconds: 60 }), key: linkCreatorKey });
    const { app, links } = shortenerTestApp({ createLinkLimiter: limiter });
    const create = () => request(app).post('/api/v1/links').send({ url: 'https://example.com/' });
    await create().expect(201);
    await create().expect(201);
    const limited = await create();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(links.inner.size).toBe(2);

    await request(app).post('/api/v1/links').set(asUser('ann')).send({ url: 'https://example.com/' }).expect(201);
    const seed = await request(app).post('/api/v1/data/shorten').send({ longURL: 'https://example.com/' });
    expect(seed.status).toBe(429);
  });
});

describe('GET /api/v1/links/:code', () => {
  it('shows the link with its clicks, buffered ones stored first', async () => {
    const { app } = shortenerTestApp();
    const { body: created } = await request(app).post('/api/v1/links').send({ url: 'https://example.com/', alias: 'counted' });
    for (let i = 0; i < 3; i++) await request(app).get('/counted').expect(301);
    await request(app).head('/counted').expect(301);
    const res = await request(app).get('/api/v1/links/counted');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ ...created, clicks: 3 });
  });

  it('answers 404 in JSON for an unknown code', async () => {
    const { app } = shortenerTestApp();
    const res = await request(app).get('/api/v1/links/unknown1');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('link_not_found');
  });
});

describe('DELETE /api/v1/links/:code', () => {
  it('lets the owner delete their link, after which it redirects nowhere', async () => {
    const { app } = shortenerTestApp();
    await request(app).post('/api/v1/links').set(asUser('ann')).send({ url: 'https://example.com/', alias: 'anns-link' }).expect(201);
    await request(app).get('/anns-link').expect(302);
    await request(app).delete('/api/v1/links/anns-link').set(asUser('ann')).expect(204);
    await request(app).get('/anns-link').set('Accept', 'application/json').expect(404);
    await request(app).get('/api/v1/links/anns-link').expect(404);
    await request(app).delete('/api/v1/links/anns-link').set(asUser('ann')).expect(404);
  });

  it('refuses the unauthenticated with 401, others with 403, and anonymous links to everyone', async () => {
    const { app } = shortenerTestApp();
    await request(app).post('/api/v1/links').set(asUser('ann')).send({ url: 'https://example.com/', alias: 'anns-link' });
    await request(app).post('/api/v1/links').send({ url: 'https://example.com/', alias: 'nobodys' });
    expect((await request(app).delete('/api/v1/links/anns-link')).body.error.code).toBe('unauthenticated');
    expect((await request(app).delete('/api/v1/links/anns-link').set(asUser('bob'))).body.error).toMatchObject({ code: 'not_link_owner' });
    const anonymous = await request(app).delete('/api/v1/links/nobodys').set(asUser('bob'));
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.error.code).toBe('link_not_deletable');
    await request(app).get('/anns-link').expect(302);
  });
});

describe('GET /api/v1/links/:code/qr.svg', () => {
  const qrOf = (app: Parameters<typeof request>[0], code: string, host?: string) => {
    let call = request(app).get(`/api/v1/links/${code}/qr.svg`);
    if (host) call = call.set('Host', host);
    return call.buffer(true).parse((response, done) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => done(null, text));
    });
  };

  it('draws a QR code that scans as the short URL', async () => {
    const { app } = shortenerTestApp();
    await request(app).post('/api/v1/links').send({ url: 'https://example.com/', alias: 'scan-me' });
    const res = await qrOf(app, 'scan-me');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(scanQrSvg(res.body as string)).toBe(`${PUBLIC_URL}/scan-me`);
  });

  it('never draws a Host header outside the allow-list into the code', async () => {
    const { app } = shortenerTestApp({ publicUrl: null, allowedHosts: ['links.example'] });
    await request(app).post('/api/v1/links').send({ url: 'https://example.com/', alias: 'scan-host' });
    expect(scanQrSvg((await qrOf(app, 'scan-host', 'links.example:8080')).body as string)).toBe('http://links.example:8080/scan-host');
    const spoofed = scanQrSvg((await qrOf(app, 'scan-host', 'evil.example')).body as string);
    expect(spoofed).toMatch(/^http:\/\/links\.example:\d+\/scan-host$/);
  });

  it('answers 404 for a code without a link, and counts no click', async () => {
    const { app } = shortenerTestApp();
    await request(app).get('/api/v1/links/unknown1/qr.svg').expect(404);
    await request(app).post('/api/v1/links').send({ url: 'https://example.com/', alias: 'not-a-visit' });
    await request(app).get('/api/v1/links/not-a-visit/qr.svg').expect(200);
    expect((await request(app).get('/api/v1/links/not-a-visit')).body.clicks).toBe(0);
  });
});

describe("the seed's routes", () => {
  it('POST /api/v1/data/shorten answers { shortURL }', async () => {
    const { app } = shortenerTestApp();
    const res = await request(app).post('/api/v1/data/shorten').send({ longURL: 'https://example.com/seed' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ shortURL: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/[0-9A-Za-z]{7}$`)) });
    const code = (res.body.shortURL as string).split('/').pop();
    const redirect = await request(app).get(`/api/v1/shortUrl/${code}`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('https://example.com/seed');
  });

  it('refuses what the new route refuses', async () => {
    const { app, links } = shortenerTestApp();
    const res = await request(app).post('/api/v1/data/shorten').send({ longURL: 'javascript:alert(1)' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unsupported_scheme');
    expect((await request(app).post('/api/v1/data/shorten').send({ url: 'https://example.com/' })).status).toBe(400);
    expect(links.inner.size).toBe(0);
  });

  it('GET /api/v1/shortUrl/:code answers 404 in JSON for an unknown code', async () => {
    const { app } = shortenerTestApp();
    const res = await request(app).get('/api/v1/shortUrl/unknown1');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('link_not_found');
  });
});
