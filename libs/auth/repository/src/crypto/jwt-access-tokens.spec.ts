import { toEmail, User } from '@mosaic/auth-domain';
import { ManualClock } from '@mosaic/kit-core';
import { base64url, decodeProtectedHeader, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { JwtAccessTokens } from './jwt-access-tokens';
import { generateSigningKeys, type SigningKeys } from './signing-keys';

const ISSUER = 'https://auth.mosaic.test';
const AUDIENCE = 'mosaic';
const clock = new ManualClock();
const user = User.register({ id: '1234567', email: toEmail('ada@example.com'), name: 'Ada', passwordHash: '$x', now: clock.now() });

let keys: SigningKeys;
let otherKeys: SigningKeys;
let tokens: JwtAccessTokens;

beforeAll(async () => {
  keys = await generateSigningKeys();
  otherKeys = await generateSigningKeys();
  tokens = new JwtAccessTokens({ keys, issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 900, clock });
});

const nowSeconds = () => Math.floor(clock.nowMs() / 1000);
const validClaims = (): JWTPayload => ({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: user.id,
  iat: nowSeconds(),
  exp: nowSeconds() + 900,
  jti: 'j1',
  email: user.email,
  roles: ['user'],
  sid: '99',
});

/** A token signed with our own key but whatever claims and header a test wants. */
function signed(claims: JWTPayload, header: Record<string, unknown> = {}, signingKeys: SigningKeys = keys) {
  const { signing } = signingKeys;
  return new SignJWT(claims).setProtectedHeader({ alg: signing.alg, kid: keys.signing.kid, typ: 'at+jwt', ...header }).sign(signing.privateKey);
}

function withPayload(token: string, change: (payload: JWTPayload) => JWTPayload): string {
  const [header, payload, signature] = token.split('.');
  const next = change(JSON.parse(new TextDecoder().decode(base64url.decode(payload))));
  return [header, base64url.encode(JSON.stringify(next)), signature].join('.');
}

describe('JwtAccessTokens', () => {
  it('issues a token that verifies to its user, session and times', async () => {
    const issued = await tokens.issue(user, '99');
    expect(issued.expiresInSeconds).toBe(900);
    expect(issued.expiresAt).toEqual(new Date((nowSeconds() + 900) * 1000));
    expect(decodeProtectedHeader(issued.token)).toEqual({ alg: 'EdDSA', kid: keys.signing.kid, typ: 'at+jwt' });
    expect(await tokens.verify(issued.token)).toEqual({
      userId: user.id,
      email: user.email,
      roles: ['user'],
      sessionId: '99',
      issuedAt: new Date(nowSeconds() * 1000),
      expiresAt: issued.expiresAt,
    });
  });

  it('accepts a token up to its expiry (plus the clock tolerance), then says it expired', async () => {
    const local = new ManualClock();
    const shortLived = new JwtAccessTokens({ keys, issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 60, clock: local });
    const { token } = await shortLived.issue(user, '1');
    local.advance(64_000);
    await expect(shortLived.verify(token)).resolves.toMatchObject({ userId: user.id });
    local.advance(2_000);
    await expect(shortLived.verify(token)).rejects.toMatchObject({ status: 401, code: 'token_expired' });
  });

  it('publishes only public keys', () => {
    const { keys: published } = tokens.jwks();
    expect(published).toEqual([expect.objectContaining({ kid: keys.signing.kid, alg: 'EdDSA', use: 'sig', kty: 'OKP' })]);
    expect(published[0]).not.toHaveProperty('d');
  });

  it('keeps accepting tokens of a retired key that is still configured for verification', async () => {
    const retiredIssuer = new JwtAccessTokens({ keys: otherKeys, issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 900, clock });
    const { token } = await retiredIssuer.issue(user, '5');
    const rotated = new JwtAccessTokens({
      keys: { signing: keys.signing, verification: [...keys.verification, ...otherKeys.verification] },
      issuer: ISSUER,
      audience: AUDIENCE,
      ttlSeconds: 900,
      clock,
    });
    await expect(rotated.verify(token)).resolves.toMatchObject({ sessionId: '5' });
    await expect(tokens.verify(token)).rejects.toMatchObject({ code: 'invalid_token' });
  });

  describe('rejects with 401 invalid_token', () => {
    const cases: [string, () => Promise<string>][] = [
      ['a tampered payload (another user id)', async () => withPayload((await tokens.issue(user, '1')).token, (p) => ({ ...p, sub: '1' }))],
      ['escalated roles', async () => withPayload((await tokens.issue(user, '1')).token, (p) => ({ ...p, roles: ['admin'] }))],
      [
        'a tampered signature',
        async () => {
          const token = (await tokens.issue(user, '1')).token;
          const signature = token.split('.')[2];
          const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
          return `${token.split('.').slice(0, 2).join('.')}.${flipped}`;
        },
      ],
      ['alg: none', async () => new UnsecuredJWT(validClaims()).encode()],
      [
        'alg: none with our kid and type',
        async () => {
          const header = base64url.encode(JSON.stringify({ alg: 'none', kid: keys.signing.kid, typ: 'at+jwt' }));
          return `${header}.${base64url.encode(JSON.stringify(validClaims()))}.`;
        },
      ],
      [
        'HS256 signed with the published public key (key confusion)',
        async () =>
          new SignJWT(validClaims())
            .setProtectedHeader({ alg: 'HS256', kid: keys.signing.kid, typ: 'at+jwt' })
            .sign(new TextEncoder().encode(JSON.stringify(keys.signing.publicJwk))),
      ],
      ['a signature by another key under our kid', async () => signed(validClaims(), {}, otherKeys)],
      ['an unknown kid', async () => signed(validClaims(), { kid: 'someone-else' })],
      ['another issuer', async () => signed({ ...validClaims(), iss: 'https://evil.example' })],
      ['another audience', async () => signed({ ...validClaims(), aud: 'billing' })],
      ['no audience', async () => signed({ ...validClaims(), aud: undefined })],
      ['another token type', async () => signed(validClaims(), { typ: 'JWT' })],
      ['no token type', async () => signed(validClaims(), { typ: undefined })],
      ['no expiry', async () => signed({ ...validClaims(), exp: undefined })],
      ['no session id', async () => signed({ ...validClaims(), sid: undefined })],
      ['no subject', async () => signed({ ...validClaims(), sub: undefined })],
      ['roles that are not strings', async () => signed({ ...validClaims(), roles: [{ admin: true }] })],
      ['a not-yet-valid token', async () => signed({ ...validClaims(), nbf: nowSeconds() + 3600 })],
      ['garbage', async () => 'not.a.jwt'],
      ['an empty string', async () => ''],
      ['an oversized token', async () => `${(await tokens.issue(user, '1')).token}${'A'.repeat(5000)}`],
      ['a refresh-token-shaped secret', async () => 'A'.repeat(43)],
    ];
    it.each(cases)('%s', async (_name, forge) => {
      await expect(tokens.verify(await forge())).rejects.toMatchObject({ status: 401, code: 'invalid_token' });
    });

    it('while the genuine token still verifies', async () => {
      await expect(tokens.verify(await signed(validClaims()))).resolves.toMatchObject({ userId: user.id });
    });
  });
});
