import {
  invalidCredentials,
  isUserChangedConcurrently,
  loginFailed,
  PASSWORD_MAX_LENGTH,
  toEmail,
  type AttemptLimiter,
  type PasswordHasher,
  type SecurityEventSink,
  type User,
  type UserProfile,
} from '@mosaic/auth-domain';
import { admitAttempt, type Pause } from '../shared/admit-attempt';
import { saveRecording, type UserStore } from '../shared/save-recording';
import type { Clock } from '@mosaic/kit-core';
import type { SessionIssuer, SessionTokens } from '../shared/session-tokens';

export interface LogInInput {
  email: string;
  password: string;
  ip?: string;
}

export interface LogInResult extends SessionTokens {
  user: UserProfile;
}

export interface LogInDeps extends UserStore {
  hasher: PasswordHasher;
  limiter: AttemptLimiter;
  sessions: SessionIssuer;
  clock: Clock;
  events: SecurityEventSink;
  pause?: Pause;
}

export class LogIn {
  constructor(private readonly deps: LogInDeps) {}

  async execute(input: LogInInput): Promise<LogInResult> {
    const email = toEmail(input.email);
    const password = typeof input.password === 'string' ? input.password : '';

    const subject = { email, ip: input.ip };
    await admitAttempt(this.deps, 'login', subject);

    const user = await this.deps.users.findByEmail(email);
    // Always one full KDF run (against a dummy hash when there is no account), and one
    // error for both failures: neither the answer nor its timing reveals who has an account.
    const plausible = password.length > 0 && [...password].length <= PASSWORD_MAX_LENGTH;
    const matches = await this.deps.hasher.verify(plausible ? password : '', user?.passwordHash);
    if (!user || !matches || !plausible) {
      this.deps.events.record(loginFailed(user ? 'wrong_password' : 'unknown_email', subject));
      throw invalidCredentials();
    }

    await this.deps.limiter.succeeded('login', subject);
    await this.upgradeHash(user, password);
    const tokens = await this.deps.sessions.start(user);
    return { ...tokens, user: user.profile() };
  }

  /**
   * Hashes made under an older cost are replaced while the password is at hand. A
   * change stored since the user was loaded wins: the upgrade waits for the next login.
   */
  private async upgradeHash(user: User, password: string): Promise<void> {
    if (!this.deps.hasher.needsRehash(user.passwordHash)) return;
    user.rehashPassword(await this.deps.hasher.hash(password), this.deps.clock.now());
    try {
      await saveRecording(this.deps, user);
    } catch (error) {
      if (!isUserChangedConcurrently(error)) throw error;
    }
  }
}
