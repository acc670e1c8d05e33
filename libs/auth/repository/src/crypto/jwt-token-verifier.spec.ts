import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toEmail, User } from '@mosaic/auth-domain';
import { ManualClock } from '@mosaic/kit-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JwtAccessTokens } from './jwt-access-tokens';
import { JwtTokenVerifier } from './jwt-token-verifier';
import { generateSigningKeys } from './signing-keys';

const clock = new ManualClock();
const user = User.register({ id: '55', email: toEmail('remote@example.com'), name: null, passwordHash: '$x', now: clock.now() });
const settings = { issuer: 'https://auth.mosaic.test', audience: 'mosaic', clock };

let issuer: JwtAccessTokens;
let server: Server;
let jwksUrl: URL;

beforeAll(async () => {
  issuer = new JwtAccessTokens({ ...settings, keys: await generateSigningKeys(), ttlSeconds: 900 });
  // Stands in for the auth service's /api/v1/auth/jwks.json.
  server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(issuer.jwks()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/auth/jwks.json`);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('JwtTokenVerifier (public keys only)', () => {
  it('verifies tokens with a key set in hand', async () => {
    const verifier = new JwtTokenVerifier({ ...settings, keys: { jwks: issuer.jwks() } });
    const { token } = await issuer.issue(user, '9');
    expect(await verifier.verify(token)).toMatchObject({ userId: '55', email: 'remote@example.com', sessionId: '9' });
  });

  it('verifies tokens with keys fetched from the auth service', async () => {
    const verifier = new JwtTokenVerifier({ ...settings, keys: { jwksUrl } });
    const { token } = await issuer.issue(user, '10');
    expect(await verifier.verify(token)).toMatchObject({ userId: '55', sessionId: '10' });
  });

  it('rejects tokens of keys the auth service does not publish', async () => {
    const stranger = new JwtAccessTokens({ ...settings, keys: await generateSigningKeys(), ttlSeconds: 900 });
    const verifier = new JwtTokenVerifier({ ...settings, keys: { jwksUrl } });
    await expect(verifier.verify((await stranger.issue(user, '1')).token)).rejects.toMatchObject({ status: 401, code: 'invalid_token' });
  });

  it('refuses key sets with symmetric or undeclared algorithms', () => {
    expect(() => new JwtTokenVerifier({ ...settings, keys: { jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0', alg: 'HS256' }] } } })).toThrow(/alg/);
    expect(() => new JwtTokenVerifier({ ...settings, keys: { jwks: { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }] } } })).toThrow(/alg/);
    expect(() => new JwtTokenVerifier({ ...settings, keys: { jwks: { keys: [] } } })).toThrow(/alg/);
  });
});
