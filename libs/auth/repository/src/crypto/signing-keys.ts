import { createPrivateKey, createPublicKey, type JsonWebKey as NodeJwk, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/** Asymmetric only: services that verify tokens get the public key and can never mint one. */
export type SigningAlgorithm = 'EdDSA' | 'ES256' | 'RS256';

export interface VerificationKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  /** Public JWK with `kid`, `alg` and `use: "sig"`; safe to publish. */
  readonly publicJwk: JWK;
}

export interface SigningKey extends VerificationKey {
  readonly privateKey: CryptoKey;
}

export interface SigningKeys {
  /** Signs every new token. */
  readonly signing: SigningKey;
  /** Accepted for verification: the signing key first, then retired keys still inside their tokens' lifetime. */
  readonly verification: readonly VerificationKey[];
}

export interface SigningKeyConfig {
  /** The current private key: PKCS#8 PEM (literal `\n` escapes allowed, as env vars carry them) or a private JWK as JSON. */
  privateKey?: string;
  /** Public keys (SPKI PEM or JWK JSON) of retired signing keys, so tokens they signed stay valid until they expire. */
  previousPublicKeys?: readonly string[];
}

export interface ResolvedSigningKeys extends SigningKeys {
  /** True when no key was configured and an ephemeral one was generated. */
  readonly generated: boolean;
}

const MIN_RSA_BITS = 2048;

/**
 * The keys from configuration, or (none configured) a fresh Ed25519 key for
 * development: `onGenerated` receives a warning to log, because tokens signed with it
 * die with the process and no other process can verify them.
 */
export async function resolveSigningKeys(config: SigningKeyConfig, options: { onGenerated?: (warning: string) => void } = {}): Promise<ResolvedSigningKeys> {
  const material = config.privateKey?.trim();
  if (!material) {
    if (config.previousPublicKeys?.length) throw new Error('previous signing keys are configured but the current private key is not');
    options.onGenerated?.(
      'No auth signing key configured: generated an ephemeral development key. Tokens will not survive a restart ' +
        'and other processes cannot verify them; configure a private key (Ed25519, P-256 or RSA, PEM or JWK) in production.',
    );
    return { ...(await generateSigningKeys()), generated: true };
  }
  const signing = await importSigningKey(material);
  const previous = await Promise.all((config.previousPublicKeys ?? []).map((key) => importVerificationKey(key)));
  const kids = new Set([signing.kid]);
  for (const key of previous) {
    if (kids.has(key.kid)) throw new Error(`two auth signing keys share the key id "${key.kid}"`);
    kids.add(key.kid);
  }
  return { signing, verification: [verificationOf(signing), ...previous], generated: false };
}

/** A fresh Ed25519 signing key held only in memory. */
export async function generateSigningKeys(): Promise<SigningKeys> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const signing = await importSigningKey(JSON.stringify(await exportJWK(privateKey)));
  return { signing, verification: [verificationOf(signing)] };
}

export async function importSigningKey(material: string): Promise<SigningKey> {
  const { jwk, kid } = parseKeyMaterial(material, 'private');
  const alg = algorithmOf(createPrivateKey({ key: jwk as NodeJwk, format: 'jwk' }), jwk.alg);
  const publicJwk = await publicJwkOf(jwk, alg, kid);
  const privateKey = (await importJWK({ ...jwk, alg }, alg)) as CryptoKey;
  return { kid: publicJwk.kid as string, alg, publicJwk, privateKey };
}

export async function importVerificationKey(material: string): Promise<VerificationKey> {
  const { jwk, kid } = parseKeyMaterial(material, 'public');
  const alg = algorithmOf(createPublicKey({ key: jwk as NodeJwk, format: 'jwk' }), jwk.alg);
  const publicJwk = await publicJwkOf(jwk, alg, kid);
  return { kid: publicJwk.kid as string, alg, publicJwk };
}

function verificationOf({ kid, alg, publicJwk }: SigningKey): VerificationKey {
  return { kid, alg, publicJwk };
}

/** Any accepted form, as a JWK (private keys stay private; public keys drop private parts). */
function parseKeyMaterial(material: string, want: 'private' | 'public'): { jwk: JWK; kid?: string } {
  const text = material.trim().replace(/\\n/g, '\n');
  if (text.startsWith('{')) {
    let jwk: JWK;
    try {
      jwk = JSON.parse(text) as JWK;
    } catch {
      throw new Error('auth signing key is neither PEM nor valid JWK JSON');
    }
    if (jwk.kty === 'oct') throw new Error('auth signing keys must be asymmetric (Ed25519, P-256 or RSA), not a shared secret');
    if (want === 'private' && !jwk.d) throw new Error('the auth signing key JWK has no private part');
    const key = want === 'private' ? createPrivateKey({ key: jwk as NodeJwk, format: 'jwk' }) : createPublicKey({ key: jwk as NodeJwk, format: 'jwk' });
    return { jwk: { ...(key.export({ format: 'jwk' }) as JWK), ...(jwk.alg ? { alg: jwk.alg } : {}) }, kid: jwk.kid };
  }
  if (!text.startsWith('-----BEGIN')) throw new Error('auth signing key is neither PEM nor JWK JSON');
  try {
    const key = want === 'private' ? createPrivateKey(text) : createPublicKey(text);
    return { jwk: key.export({ format: 'jwk' }) as JWK };
  } catch (error) {
    throw new Error(`auth signing key PEM cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

function algorithmOf(key: KeyObject, declared: string | undefined): SigningAlgorithm {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  let alg: SigningAlgorithm;
  if (type === 'ed25519') alg = 'EdDSA';
  else if (type === 'ec' && details.namedCurve === 'prime256v1') alg = 'ES256';
  else if (type === 'rsa') {
    if ((details.modulusLength ?? 0) < MIN_RSA_BITS) throw new Error(`RSA auth signing keys need at least ${MIN_RSA_BITS} bits`);
    alg = 'RS256';
  } else {
    throw new Error(`unsupported auth signing key type ${type}${details.namedCurve ? ` (${details.namedCurve})` : ''}; use Ed25519, P-256 or RSA`);
  }
  // `Ed25519` is the newer registered name for the same algorithm.
  if (declared && declared !== alg && !(alg === 'EdDSA' && declared === 'Ed25519')) {
    throw new Error(`auth signing key declares alg ${declared} but is a key for ${alg}`);
  }
  return alg;
}

async function publicJwkOf(jwk: JWK, alg: SigningAlgorithm, kid: string | undefined): Promise<JWK> {
  const publicKey = createPublicKey({ key: jwk as NodeJwk, format: 'jwk' });
  const base = publicKey.export({ format: 'jwk' }) as JWK;
  return { ...base, kid: kid ?? (await calculateJwkThumbprint(base)), alg, use: 'sig' };
}
