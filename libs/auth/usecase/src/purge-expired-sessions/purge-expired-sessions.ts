import type { RefreshTokenRepository } from '@mosaic/auth-domain';
import type { Clock } from '@mosaic/kit-core';

/**
 * Housekeeping for apps to run on a timer: expired refresh tokens can never be
 * accepted again, so their rows only cost space.
 */
export class PurgeExpiredSessions {
  constructor(private readonly deps: { refreshTokens: RefreshTokenRepository; clock: Clock }) {}

  /** Resolves how many tokens were deleted. */
  execute(): Promise<number> {
    return this.deps.refreshTokens.purgeExpired(this.deps.clock.now());
  }
}
