import {
  assertPasswordPolicy,
  loginFailed,
  userNotFound,
  weakPassword,
  type AttemptLimiter,
  type PasswordHasher,
  type PasswordStrength,
  type RefreshTokenRepository,
  type SecurityEventSink,
  type SessionRevocations,
} from '@mosaic/auth-domain';
import { conflict, forbidden, type Clock } from '@mosaic/kit-core';
import { admitAttempt, type Pause } from '../shared/admit-attempt';
import { changeUser } from '../shared/change-user';
import type { UserStore } from '../shared/save-recording';

export interface ChangePasswordInput {
  /** From a verified access token, never from the request body. */
  userId: string;
  /** The session the request came with; it stays signed in. */
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  ip?: string;
}

export interface ChangePasswordDeps extends UserStore {
  hasher: PasswordHasher;
  strength?: PasswordStrength;
  limiter: AttemptLimiter;
  refreshTokens: RefreshTokenRepository;
  revocations: SessionRevocations;
  clock: Clock;
  events: SecurityEventSink;
  pause?: Pause;
}

/**
 * Replaces the password after checking the current one (guesses count against the
 * login allowance, so a stolen access token cannot be used to brute-force it) and
 * ends every other session of the account, access tokens included: whoever knew the
 * old password is signed out everywhere but here.
 */
export class ChangePassword {
  constructor(private readonly deps: ChangePasswordDeps) {}

  async execute(input: ChangePasswordInput): Promise<void> {
    const user = await this.deps.users.findById(input.userId);
    if (!user) throw userNotFound();
    assertPasswordPolicy(input.newPassword, user.email, 'newPassword');
    const weakness = this.deps.strength?.weakness(input.newPassword, { email: user.email, name: user.name });
    if (weakness) throw weakPassword(weakness, 'newPassword');

    const subject = { email: user.email, ip: input.ip };
    await admitAttempt(this.deps, 'login', subject);
    if (!(await this.deps.hasher.verify(typeof input.currentPassword === 'string' ? input.currentPassword : '', user.passwordHash))) {
      this.deps.events.record(loginFailed('wrong_password', subject));
      throw forbidden('wrong_password', 'The current password is incorrect');
    }
    await this.deps.limiter.succeeded('login', subject);

    const now = this.deps.clock.now();
    const next = await this.deps.hasher.hash(input.newPassword);
    const verified = user.passwordHash;
    await changeUser(this.deps, user.id, {
      loaded: user,
      apply: (current) => {
        // The current password was checked against this hash; once it changed, that check no longer holds.
        if (current.passwordHash !== verified) throw passwordChangedConcurrently();
        current.changePassword(next, now);
        return true;
      },
      contention: passwordChangedConcurrently,
    });
    const ended = await this.deps.refreshTokens.revokeUserFamilies(user.id, 'password_changed', now, input.sessionId);
    await this.deps.revocations.revoke(ended);
  }
}

const passwordChangedConcurrently = () => conflict('password_changed_concurrently', 'The password was changed at the same time; sign in again');
