import {
  assertPasswordPolicy,
  emailTaken,
  weakPassword,
  toDisplayName,
  toEmail,
  User,
  type AttemptLimiter,
  type PasswordHasher,
  type PasswordStrength,
  type SecurityEventSink,
  type UserProfile,
} from '@mosaic/auth-domain';
import { admitAttempt, type Pause } from '../shared/admit-attempt';
import { saveRecording, type UserStore } from '../shared/save-recording';
import type { Clock, IdGenerator } from '@mosaic/kit-core';

export interface RegisterUserInput {
  email: string;
  password: string;
  name?: string | null;
  /** The client's address, for per-IP limits. */
  ip?: string;
}

export interface RegisterUserDeps extends UserStore {
  hasher: PasswordHasher;
  limiter: AttemptLimiter;
  ids: IdGenerator;
  clock: Clock;
  events: SecurityEventSink;
  strength?: PasswordStrength;
  /** Emails (normalised) whose accounts are administrators from registration on. */
  adminEmails?: ReadonlySet<string>;
  pause?: Pause;
}

export class RegisterUser {
  constructor(private readonly deps: RegisterUserDeps) {}

  async execute(input: RegisterUserInput): Promise<UserProfile> {
    const email = toEmail(input.email);
    assertPasswordPolicy(input.password, email);
    const name = input.name === undefined || input.name === null ? null : toDisplayName(input.name);
    const weakness = this.deps.strength?.weakness(input.password, { email, name });
    if (weakness) throw weakPassword(weakness);

    const subject = { email, ip: input.ip };
    await admitAttempt(this.deps, 'register', subject);
    // A cheap early answer; the repository's unique email decides races.
    if (await this.deps.users.findByEmail(email)) throw emailTaken();

    const user = User.register({
      id: this.deps.ids.next(),
      email,
      name,
      passwordHash: await this.deps.hasher.hash(input.password),
      now: this.deps.clock.now(),
      extraRoles: this.deps.adminEmails?.has(email) ? ['admin'] : [],
    });
    await saveRecording(this.deps, user);
    return user.profile();
  }
}
