import type { AccessTokenIssuer, PasswordHasher, RefreshTokenSecrets, TokenVerifier } from '@mosaic/auth-domain';
import { systemClock, type Clock } from '@mosaic/kit-core';
import type { JSONWebKeySet } from 'jose';
import { JwtAccessTokens } from './jwt-access-tokens';
import { refreshTokenSecrets } from './refresh-token-secret';
import { ScryptPasswordHasher, type ScryptCost } from './scrypt-password-hasher';
import type { SigningKeys } from './signing-keys';

export interface AuthCryptoOptions {
  /** From `resolveSigningKeys`. */
  keys: SigningKeys;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  clock?: Clock;
  /** scrypt cost for new hashes; lower it only in tests. */
  scryptCost?: Partial<ScryptCost>;
}

export interface AuthCrypto {
  readonly hasher: PasswordHasher;
  readonly accessTokens: AccessTokenIssuer;
  /** Signature, issuer, audience, type and expiry only: wrap it in the VerifyAccessToken use case. */
  readonly tokenVerifier: TokenVerifier;
  readonly secrets: RefreshTokenSecrets;
  /** Public signing keys, for verifiers in other processes. */
  jwks(): JSONWebKeySet;
}

/** The crypto adapters of auth: scrypt hashes, JWT access tokens (jose), refresh-token secrets. */
export function createAuthCrypto(options: AuthCryptoOptions): AuthCrypto {
  const tokens = new JwtAccessTokens({
    keys: options.keys,
    issuer: options.issuer,
    audience: options.audience,
    ttlSeconds: options.accessTtlSeconds,
    clock: options.clock ?? systemClock,
  });
  return {
    hasher: new ScryptPasswordHasher(options.scryptCost),
    accessTokens: tokens,
    tokenVerifier: tokens,
    secrets: refreshTokenSecrets,
    jwks: () => tokens.jwks(),
  };
}
