import { toEmail, User, type TokenVerifier } from '@mosaic/auth-domain';
import { generateSigningKeys, JwtAccessTokens } from '@mosaic/auth-repository';
import { backendUnavailable, ManualClock } from '@mosaic/kit-core';
import { buildHttpApp, principalOf, requirePrincipal, resolvePrincipal } from '@mosaic/kit-http';
import { createLogger } from '@mosaic/kit-log';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { authenticate, requireAuth } from './authenticate';

const clock = new ManualClock();
let tokens: JwtAccessTokens;
let accessToken: string;

beforeAll(async () => {
  tokens = new JwtAccessTokens({ keys: await generateSigningKeys(), issuer: 'https://auth.test', audience: 'mosaic', ttlSeconds: 900, clock });
  const user = User.register({ id: '777', email: toEmail('lin@example.com'), name: null, passwordHash: '$x', now: clock.now() });
  accessToken = (await tokens.issue(user, '1')).token;
});

/**
 * "Another domain": its router knows nothing of auth. It only calls kit-http's
 * resolvePrincipal and requirePrincipal, and the app mounts `authenticate(verifier)`
 * in front of it.
 */
function anotherDomainsApp(verifier: TokenVerifier) {
  return buildHttpApp({
    logger: createLogger({ name: 'notes', level: 'silent', pretty: false }),
    mount: (app) => {
      app.use(authenticate(verifier));
      app.get('/api/v1/notes', resolvePrincipal, (req, res) => {
        const principal = requirePrincipal(req);
        res.json({ notesOf: principal.id, email: principal.email, roles: principal.roles });
      });
      app.get('/api/v1/greeting', resolvePrincipal, (req, res) => {
        res.json({ hello: principalOf(req)?.email ?? 'stranger' });
      });
      app.get('/api/v1/open', (_req, res) => {
        res.json({ open: true });
      });
      app.get('/api/v1/strict', requireAuth(verifier), (req, res) => {
        res.json({ id: requirePrincipal(req).id });
      });
    },
  }).app;
}

describe('authenticate(verifier) in front of another domain', () => {
  it('answers 401 without a token and 200 with one, with the verified principal', async () => {
    const app = anotherDomainsApp(tokens);
    const anonymous = await request(app).get('/api/v1/notes');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');

    const signedIn = await request(app).get('/api/v1/notes').set('Authorization', `Bearer ${accessToken}`);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ notesOf: '777', email: 'lin@example.com', roles: ['user'] });
  });

  it('reads the accessToken cookie as well', async () => {
    const res = await request(anotherDomainsApp(tokens)).get('/api/v1/notes').set('Cookie', `theme=dark; accessToken=${accessToken}`);
    expect(res.status).toBe(200);
    expect(res.body.notesOf).toBe('777');
  });

  it('prefers the Authorization header over the cookie', async () => {
    const res = await request(anotherDomainsApp(tokens))
      .get('/api/v1/notes')
      .set('Authorization', 'Bearer not-a-token')
      .set('Cookie', `accessToken=${accessToken}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_token');
  });

  it('lets public routes through without a token, and shows the user when there is one', async () => {
    const app = anotherDomainsApp(tokens);
    expect((await request(app).get('/api/v1/greeting')).body).toEqual({ hello: 'stranger' });
    expect((await request(app).get('/api/v1/greeting').set('Authorization', `Bearer ${accessToken}`)).body).toEqual({ hello: 'lin@example.com' });
  });

  it('ignores Authorization schemes that are not Bearer', async () => {
    const res = await request(anotherDomainsApp(tokens)).get('/api/v1/greeting').set('Authorization', 'Basic dXNlcjpwYXNz');
    expect(res.status).toBe(200);
  });

  it.each([
    ['an invalid token', 'Bearer abc.def.ghi'],
    ['an empty bearer token', 'Bearer'],
  ])('ignores %s on a route that never reads the principal, and answers 401 naming it wherever it is read', async (_name, header) => {
    const app = anotherDomainsApp(tokens);
    const open = await request(app).get('/api/v1/open').set('Authorization', header);
    expect(open.status).toBe(200);
    for (const path of ['/api/v1/greeting', '/api/v1/notes', '/api/v1/strict']) {
      const res = await request(app).get(path).set('Authorization', header);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_token');
    }
    expect((await request(app).get('/api/v1/strict').set('Authorization', header)).headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('treats a stale cookie as no sign-in where signing in is optional, tells the browser to drop it, and answers 401 where it is required', async () => {
    const app = anotherDomainsApp(tokens);
    expect((await request(app).get('/api/v1/notes').set('Cookie', 'accessToken=abc.def.ghi')).body.error.code).toBe('invalid_token');
    const res = await request(app).get('/api/v1/greeting').set('Cookie', 'accessToken=abc.def.ghi');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ hello: 'stranger' });
    expect(res.headers['set-cookie']).toEqual([
      expect.stringMatching(/^accessToken=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/),
    ]);
  });

  it('says token_expired for an expired token', async () => {
    const local = new ManualClock();
    const expiring = new JwtAccessTokens({ keys: await generateSigningKeys(), issuer: 'https://auth.test', audience: 'mosaic', ttlSeconds: 60, clock: local });
    const user = User.register({ id: '8', email: toEmail('x@example.com'), name: null, passwordHash: '$x', now: local.now() });
    const { token } = await expiring.issue(user, '1');
    local.advance(10 * 60 * 1000);
    const app = anotherDomainsApp(expiring);
    const res = await request(app).get('/api/v1/notes').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('token_expired');
    const strict = await request(app).get('/api/v1/strict').set('Authorization', `Bearer ${token}`);
    expect(strict.body.error.code).toBe('token_expired');
    expect(strict.headers['www-authenticate']).toContain('expired');
  });
});

describe('authenticate(verifier) costs nothing where the principal is not read', () => {
  /** Counts every check: a signature verified or a session looked up. */
  function countingVerifier(inner: TokenVerifier) {
    const calls: string[] = [];
    const verifier: TokenVerifier = {
      verify: (token) => {
        calls.push(token);
        return inner.verify(token);
      },
    };
    return { verifier, calls };
  }

  it.each([
    ['a valid token', () => `Bearer ${accessToken}`, () => `accessToken=${accessToken}`],
    ['a garbage token', () => 'Bearer abc.def.ghi', () => 'accessToken=abc.def.ghi'],
  ])('answers a public route with %s as before, without verifying it', async (_case, header, cookie) => {
    const { verifier, calls } = countingVerifier(tokens);
    const app = anotherDomainsApp(verifier);
    const viaHeader = await request(app).get('/api/v1/open').set('Authorization', header());
    const viaCookie = await request(app).get('/api/v1/open').set('Cookie', cookie());
    for (const res of [viaHeader, viaCookie]) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ open: true });
    }
    expect((await request(app).get('/health').set('Cookie', cookie())).status).toBe(200);
    expect(calls).toEqual([]);

    // Routes that read the principal still check it, once per request.
    await request(app).get('/api/v1/notes').set('Authorization', header());
    await request(app).get('/api/v1/greeting').set('Cookie', cookie());
    await request(app).get('/api/v1/strict').set('Authorization', header());
    expect(calls).toHaveLength(3);
  });
});

describe('authenticate(verifier) while the session store is down', () => {
  it('answers 503 with Retry-After where a principal is required, anonymous where it is optional, and as usual elsewhere', async () => {
    let calls = 0;
    const down: TokenVerifier = {
      verify: async () => {
        calls++;
        throw backendUnavailable('redis');
      },
    };
    const app = anotherDomainsApp(down);
    const cookie = `accessToken=${accessToken}`;
    expect((await request(app).get('/api/v1/open').set('Cookie', cookie)).status).toBe(200);
    expect(calls).toBe(0);
    for (const path of ['/api/v1/notes', '/api/v1/strict']) {
      const res = await request(app).get(path).set('Cookie', cookie);
      expect({ status: res.status, code: res.body.error.code, retryAfter: res.headers['retry-after'] }).toEqual({
        status: 503,
        code: 'backend_unavailable',
        retryAfter: expect.stringMatching(/^\d+$/),
      });
    }
    const greeting = await request(app).get('/api/v1/greeting').set('Cookie', cookie);
    expect(greeting.body).toEqual({ hello: 'stranger' });
    expect(greeting.headers['set-cookie']).toBeUndefined();
    expect(calls).toBe(3);
  });
});

describe('requireAuth(verifier)', () => {
  it('answers 401 with a challenge without a token, and passes a valid one', async () => {
    const app = anotherDomainsApp(tokens);
    const anonymous = await request(app).get('/api/v1/strict');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    const signedIn = await request(app).get('/api/v1/strict').set('Authorization', `Bearer ${accessToken}`);
    expect(signedIn.body).toEqual({ id: '777' });
  });
});
