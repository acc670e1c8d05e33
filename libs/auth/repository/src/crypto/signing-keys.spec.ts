import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSigningKeys, importVerificationKey, resolveSigningKeys } from './signing-keys';

const pems = (type: 'ed25519' | 'ec' | 'rsa', options: object = {}) => {
  const { privateKey, publicKey } = generateKeyPairSync(type as 'ed25519', options);
  return {
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateJwk: privateKey.export({ format: 'jwk' }),
  };
};

describe('resolveSigningKeys', () => {
  it('generates an Ed25519 development key when none is configured, with a warning', async () => {
    const warnings: string[] = [];
    const keys = await resolveSigningKeys({}, { onGenerated: (warning) => warnings.push(warning) });
    expect(keys.generated).toBe(true);
    expect(keys.signing.alg).toBe('EdDSA');
    expect(keys.verification.map((key) => key.kid)).toEqual([keys.signing.kid]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ephemeral development key/);
  });

  it.each([
    ['Ed25519', pems('ed25519'), 'EdDSA'],
    ['P-256', pems('ec', { namedCurve: 'P-256' }), 'ES256'],
    ['RSA 2048', pems('rsa', { modulusLength: 2048 }), 'RS256'],
  ])('reads a %s PKCS#8 PEM and picks its algorithm', async (_name, material, alg) => {
    const keys = await resolveSigningKeys({ privateKey: material.privateKey });
    expect(keys.generated).toBe(false);
    expect(keys.signing.alg).toBe(alg);
    expect(keys.signing.publicJwk).toMatchObject({ alg, use: 'sig', kid: keys.signing.kid });
    expect(keys.signing.publicJwk).not.toHaveProperty('d');
  });

  it('reads a PEM whose newlines arrived escaped, as environment variables carry them', async () => {
    const { privateKey } = pems('ed25519');
    const keys = await resolveSigningKeys({ privateKey: privateKey.replace(/\n/g, '\\n') });
    expect(keys.signing.alg).toBe('EdDSA');
  });

  it('reads a private JWK and keeps its kid', async () => {
    const { privateJwk } = pems('ec', { namedCurve: 'P-256' });
    const keys = await resolveSigningKeys({ privateKey: JSON.stringify({ ...privateJwk, kid: 'key-2026-01', alg: 'ES256' }) });
    expect(keys.signing).toMatchObject({ kid: 'key-2026-01', alg: 'ES256' });
  });

  it('names the key by its thumbprint when it has no kid, the same every time', async () => {
    const { privateKey } = pems('ed25519');
    const [a, b] = await Promise.all([resolveSigningKeys({ privateKey }), resolveSigningKeys({ privateKey })]);
    expect(a.signing.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.signing.kid).toBe(b.signing.kid);
  });

  it('accepts retired public keys for verification, after the signing key', async () => {
    const current = pems('ed25519');
    const retired = pems('ec', { namedCurve: 'P-256' });
    const keys = await resolveSigningKeys({ privateKey: current.privateKey, previousPublicKeys: [retired.publicKey] });
    expect(keys.verification.map((key) => key.alg)).toEqual(['EdDSA', 'ES256']);
    expect(keys.verification[0].kid).toBe(keys.signing.kid);
  });

  it.each([
    ['a shared secret', { privateKey: JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }) }, /asymmetric/],
    ['a short RSA key', { privateKey: pems('rsa', { modulusLength: 1024 }).privateKey }, /2048/],
    ['an unsupported curve', { privateKey: pems('ec', { namedCurve: 'P-384' }).privateKey }, /unsupported/],
    ['garbage', { privateKey: 'hunter2' }, /neither PEM nor JWK/],
    ['a broken PEM', { privateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' }, /cannot be read/],
    [
      'a public JWK as the private key',
      { privateKey: JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'NKVAZQijfkh7CBPuodC8FYZPA_7ft4Rw5gqsThTIub0' }) },
      /no private part/,
    ],
    ['a JWK whose alg lies', { privateKey: JSON.stringify({ ...pems('ed25519').privateJwk, alg: 'RS256' }) }, /declares alg RS256/],
    ['retired keys without a current one', { previousPublicKeys: [pems('ed25519').publicKey] }, /current private key/],
  ])('refuses %s', async (_name, config, message) => {
    await expect(resolveSigningKeys(config)).rejects.toThrow(message);
  });

  it('refuses two keys with one kid', async () => {
    const { privateKey, publicKey } = pems('ed25519');
    await expect(resolveSigningKeys({ privateKey, previousPublicKeys: [publicKey] })).rejects.toThrow(/share the key id/);
  });
});

describe('importVerificationKey', () => {
  it('derives the public half when handed a private key', async () => {
    const { privateJwk, publicKey } = pems('ed25519');
    const fromPrivate = await importVerificationKey(JSON.stringify(privateJwk));
    const fromPublic = await importVerificationKey(publicKey);
    expect(fromPrivate.publicJwk).not.toHaveProperty('d');
    expect(fromPrivate).toEqual(fromPublic);
  });

  it('matches the key a generated signing key publishes', async () => {
    const keys = await generateSigningKeys();
    expect(await importVerificationKey(JSON.stringify(keys.signing.publicJwk))).toEqual(keys.verification[0]);
  });
});
