import {
  refreshRejected,
  refreshTokenReused,
  refreshTokenState,
  type FamilyRevocationReason,
  type RefreshFailure,
  type RefreshTokenRepository,
  type RefreshTokenSecrets,
  type RotationOutcome,
  type SecurityEventSink,
  type SessionRevocations,
  type StoredRefreshToken,
  type UserRepository,
} from '@mosaic/auth-domain';
import type { AppError, Clock } from '@mosaic/kit-core';
import type { SessionIssuer, SessionTokens } from '../shared/session-tokens';

export interface RefreshSessionInput {
  refreshToken: string;
  ip?: string;
}

export interface RefreshSessionDeps {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  sessions: SessionIssuer;
  secrets: RefreshTokenSecrets;
  revocations: SessionRevocations;
  clock: Clock;
  events: SecurityEventSink;
}

const FAILURE_OF: Record<Exclude<RotationOutcome, 'rotated'>, RefreshFailure> = {
  reused: 'reused',
  revoked: 'revoked',
  expired: 'expired',
  unknown: 'invalid',
};

/**
 * Exchanges a refresh token for a new pair and retires it. A retired token presented
 * again means two parties hold the session (one of them stole it): the whole family is
 * revoked, so the thief's and the owner's tokens (refresh and access) both stop working and the owner signs
 * in again. Two concurrent refreshes with one token count the same way: one wins the
 * atomic rotation, the other is reuse.
 */
export class RefreshSession {
  constructor(private readonly deps: RefreshSessionDeps) {}

  async execute(input: RefreshSessionInput): Promise<SessionTokens> {
    const hash = this.deps.secrets.hashOf(input.refreshToken);
    if (hash === undefined) throw refreshRejected('invalid');
    const stored = await this.deps.refreshTokens.findByHash(hash);
    if (!stored) throw refreshRejected('invalid');

    const state = refreshTokenState(stored, this.deps.clock.now());
    if (state === 'rotated') throw await this.reuseDetected(stored, input.ip);
    if (state !== 'active') throw refreshRejected(state);

    const user = await this.deps.users.findById(stored.token.userId);
    if (!user) {
      // The account is gone; its sessions end with it.
      await this.revoke(stored, 'logout');
      throw refreshRejected('invalid');
    }
    const outcome = await this.deps.sessions.rotate(user, stored);
    if (typeof outcome === 'object') return outcome;
    if (outcome === 'reused') throw await this.reuseDetected(stored, input.ip);
    throw refreshRejected(FAILURE_OF[outcome]);
  }

  private async reuseDetected(stored: StoredRefreshToken, ip: string | undefined): Promise<AppError> {
    await this.revoke(stored, 'reuse_detected');
    this.deps.events.record(refreshTokenReused({ userId: stored.token.userId, familyId: stored.family.id }, ip));
    return refreshRejected('reused');
  }

  private async revoke(stored: StoredRefreshToken, reason: FamilyRevocationReason): Promise<void> {
    await this.deps.refreshTokens.revokeFamily(stored.family.id, reason, this.deps.clock.now());
    // The access tokens of the session stop working too, on every instance.
    await this.deps.revocations.revoke([stored.family.id]);
  }
}
