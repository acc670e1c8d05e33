import type { RefreshTokenRepository } from '@mosaic/auth-domain';
import type { Clock } from '@mosaic/kit-core';
import { hashRefreshToken, isRefreshTokenShaped } from '../crypto/refresh-token-secret';

export interface LogOutInput {
  refreshToken: string;
}

export interface LogOutDeps {
  refreshTokens: RefreshTokenRepository;
  clock: Clock;
}

/**
 * Ends the session the refresh token belongs to (its whole family). Idempotent, and
 * silent about tokens it does not know, so it is no oracle for valid tokens.
 */
export class LogOut {
  constructor(private readonly deps: LogOutDeps) {}

  async execute(input: LogOutInput): Promise<void> {
    if (!isRefreshTokenShaped(input.refreshToken)) return;
    const stored = await this.deps.refreshTokens.findByHash(hashRefreshToken(input.refreshToken));
    if (!stored) return;
    await this.deps.refreshTokens.revokeFamily(stored.family.id, 'logout', this.deps.clock.now());
  }
}
