import type { RefreshTokenRepository, RefreshTokenSecrets, SessionRevocations } from '@mosaic/auth-domain';
import type { Clock } from '@mosaic/kit-core';

export interface LogOutInput {
  refreshToken: string;
}

export interface LogOutDeps {
  refreshTokens: RefreshTokenRepository;
  secrets: RefreshTokenSecrets;
  revocations: SessionRevocations;
  clock: Clock;
}

/**
 * Ends the session the refresh token belongs to (its whole family), access tokens
 * included. Idempotent, and silent about tokens it does not know, so it is no oracle
 * for valid tokens.
 */
export class LogOut {
  constructor(private readonly deps: LogOutDeps) {}

  async execute(input: LogOutInput): Promise<void> {
    const hash = this.deps.secrets.hashOf(input.refreshToken);
    const stored = hash === undefined ? undefined : await this.deps.refreshTokens.findByHash(hash);
    if (!stored) return;
    await this.deps.refreshTokens.revokeFamily(stored.family.id, 'logout', this.deps.clock.now());
    // Also when the family was already revoked: a retry after a failed revocation write must still reach the verifiers.
    await this.deps.revocations.revoke([stored.family.id]);
  }
}
