import { describe, expect, it } from 'vitest';
import { hashRefreshToken, isRefreshTokenShaped, newRefreshTokenSecret, REFRESH_TOKEN_PATTERN } from './refresh-token-secret';

describe('refresh token secrets', () => {
  it('are 256-bit base64url strings, never repeated', () => {
    const secrets = new Set(Array.from({ length: 1000 }, () => newRefreshTokenSecret()));
    expect(secrets.size).toBe(1000);
    for (const secret of secrets) {
      expect(secret).toMatch(REFRESH_TOKEN_PATTERN);
      expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as their SHA-256 in hex', () => {
    expect(hashRefreshToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('recognise their own shape only', () => {
    expect(isRefreshTokenShaped(newRefreshTokenSecret())).toBe(true);
    expect(isRefreshTokenShaped('eyJhbGciOiJFZERTQSJ9.e30.sig')).toBe(false);
    expect(isRefreshTokenShaped(42)).toBe(false);
    expect(isRefreshTokenShaped(`${newRefreshTokenSecret()}\n`)).toBe(false);
  });
});
