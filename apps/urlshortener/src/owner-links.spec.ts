import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtTokenVerifier } from '@mosaic/auth-repository';
import { createTestAppContext } from '@mosaic/kit-app';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeUrlshortener } from './compose-urlshortener';

/** Stands in for the auth service: publishes a public key, and mints access tokens as auth does. */
async function fakeAuthService(): Promise<{ jwksUrl: string; tokenFor(userId: string): Promise<string>; server: Server }> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), alg: 'EdDSA', kid: 'test-key', use: 'sig' };
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const tokenFor = (userId: string) =>
    new SignJWT({ email: `${userId}@example.com`, roles: [], sid: `session-${userId}` })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'test-key' })
      .setIssuer('mosaic')
      .setAudience('mosaic')
      .setSubject(userId)
      .setJti(`token-${userId}`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey as CryptoKey);
  return { jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/auth/jwks.json`, tokenFor, server };
}

describe('links owned by signed-in users, with AUTH_JWKS_URL set', () => {
  let auth: Awaited<ReturnType<typeof fakeAuthService>>;
  let app: Parameters<typeof request>[0];
  beforeAll(async () => {
    auth = await fakeAuthService();
    app = (await composeUrlshortener(await createTestAppContext({ AUTH_JWKS_URL: auth.jwksUrl }))).http.app;
  });
  afterAll(() => auth?.server.close());

  it('lets the owner delete a link and nobody else', async () => {
    const ann = { Authorization: `Bearer ${await auth.tokenFor('ann')}` };
    const bob = { Authorization: `Bearer ${await auth.tokenFor('bob')}` };
    const { body } = await request(app).post('/api/v1/links').set(ann).send({ url: 'https://example.com/anns' }).expect(201);
    expect((await request(app).delete(`/api/v1/links/${body.code}`)).status).toBe(401);
    expect((await request(app).delete(`/api/v1/links/${body.code}`).set(bob)).status).toBe(403);
    await request(app).delete(`/api/v1/links/${body.code}`).set(ann).expect(204);
    await request(app).get(`/${body.code}`).set('Accept', 'application/json').expect(404);
  });

  it('verifies no token on redirects, the page or probes, valid or not; link creation does', async () => {
    const verify = vi.spyOn(JwtTokenVerifier.prototype, 'verify');
    try {
      const { body } = await request(app).post('/api/v1/links').send({ url: 'https://example.com/followed' }).expect(201);
      expect(verify).not.toHaveBeenCalled();
      for (const token of [await auth.tokenFor('ann'), 'not-a-token']) {
        for (const credential of [{ Authorization: `Bearer ${token}` }, { Cookie: `accessToken=${token}` }]) {
          const redirect = await request(app).get(`/${body.code}`).set(credential);
          expect([redirect.status, redirect.headers.location]).toEqual([301, 'https://example.com/followed']);
          // An unknown code misses the fast path and goes through express's `/:code`.
          await request(app).get('/zzzzzzz').set(credential).set('Accept', 'application/json').expect(404);
          await request(app).get('/').set(credential).set('Accept', 'text/html').expect(200);
          await request(app).get('/health').set(credential).expect(200);
        }
      }
      expect(verify).not.toHaveBeenCalled();
      await request(app)
        .post('/api/v1/links')
        .set('Authorization', `Bearer ${await auth.tokenFor('ann')}`)
        .send({ url: 'https://example.com/owned' })
        .expect(201);
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
    }
  });

  it('refuses a token it cannot verify with 401', async () => {
    const res = await request(app).post('/api/v1/links').set('Authorization', 'Bearer not-a-token').send({ url: 'https://example.com/' });
    expect(res.status).toBe(401);
  });
});
