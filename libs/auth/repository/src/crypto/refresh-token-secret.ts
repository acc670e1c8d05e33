import { createHash, randomBytes } from 'node:crypto';
import type { RefreshTokenSecrets } from '@mosaic/auth-domain';

const SECRET_BYTES = 32;
/** 32 random bytes in base64url: 43 characters, nothing else accepted. */
export const REFRESH_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Refresh tokens are opaque 256-bit secrets: nothing to forge or decode, and useless as
 * access tokens. Only their SHA-256 is stored; a slow hash is unnecessary because the
 * secret has full entropy.
 */
export function newRefreshTokenSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

export function hashRefreshToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function isRefreshTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && REFRESH_TOKEN_PATTERN.test(value);
}

/** The RefreshTokenSecrets port on node:crypto. */
export const refreshTokenSecrets: RefreshTokenSecrets = {
  generate() {
    const secret = newRefreshTokenSecret();
    return { secret, hash: hashRefreshToken(secret) };
  },
  hashOf(presented) {
    return isRefreshTokenShaped(presented) ? hashRefreshToken(presented) : undefined;
  },
};
