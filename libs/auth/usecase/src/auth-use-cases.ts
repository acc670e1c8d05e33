import {
  ignoreSecurityEvents,
  ignoreUserEvents,
  type AccessTokenIssuer,
  type AttemptLimiter,
  type PasswordHasher,
  type PasswordStrength,
  type RefreshTokenRepository,
  type RefreshTokenSecrets,
  type SecurityEventSink,
  type SessionRevocations,
  type TokenVerifier,
  type UserEventSink,
  type UserRepository,
} from '@mosaic/auth-domain';
import { SnowflakeIds, systemClock, type Clock, type IdGenerator } from '@mosaic/kit-core';
import type { Pause } from './shared/admit-attempt';
import { ChangePassword } from './change-password/change-password';
import { BootstrapAdmins, ChangeRole } from './change-role/change-role';
import { GetCurrentUser } from './get-current-user/get-current-user';
import { LogIn } from './log-in/log-in';
import { LogOut } from './log-out/log-out';
import { PurgeExpiredSessions } from './purge-expired-sessions/purge-expired-sessions';
import { RefreshSession } from './refresh-session/refresh-session';
import { RegisterUser } from './register-user/register-user';
import { SessionIssuer } from './shared/session-tokens';
import { VerifyAccessToken } from './verify-access-token/verify-access-token';

export const DEFAULT_ACCESS_TTL_SECONDS = 15 * 60;
export const DEFAULT_REFRESH_TTL_SECONDS = 7 * 24 * 60 * 60;
export const DEFAULT_SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface AuthOptions {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  limiter: AttemptLimiter;
  hasher: PasswordHasher;
  /** Mints access tokens carrying the session id (`sid`). */
  accessTokens: AccessTokenIssuer;
  /** Checks a token's signature and claims; the use cases add the session check. */
  tokenVerifier: TokenVerifier;
  secrets: RefreshTokenSecrets;
  revocations: SessionRevocations;
  /** Refuses guessable new passwords; without it only the length rules apply. */
  passwordStrength?: PasswordStrength;
  /** Emails whose accounts are administrators (at registration, and `bootstrapAdmins` at start). */
  adminEmails?: readonly string[];
  /** Life of each refresh token; rotation renews it. Default 7 days. */
  refreshTtlSeconds?: number;
  /** Longest a session lasts however often it is refreshed. Default 30 days. */
  sessionMaxAgeSeconds?: number;
  clock?: Clock;
  /**
   * Ids of users and sessions. Default: Snowflake worker 0, which is only safe for a
   * single process; give every process sharing a database its own worker id.
   */
  ids?: IdGenerator;
  /** Where failed logins, limited attempts and refresh-token reuse are reported. */
  securityEvents?: SecurityEventSink;
  /** Where what users record (registration, password and role changes) goes once stored. */
  userEvents?: UserEventSink;
  /** How slowed-down attempts wait; default a timer. */
  pause?: Pause;
}

export interface AuthUseCases {
  readonly register: RegisterUser;
  readonly login: LogIn;
  readonly refresh: RefreshSession;
  readonly logout: LogOut;
  readonly changePassword: ChangePassword;
  readonly changeRole: ChangeRole;
  readonly bootstrapAdmins: BootstrapAdmins;
  readonly currentUser: GetCurrentUser;
  readonly purgeExpiredSessions: PurgeExpiredSessions;
  /** The TokenVerifier to hand to other domains' middleware: signature, expiry and ended sessions. */
  readonly verifier: TokenVerifier;
}

/** Wires every auth use case from its ports and configuration. */
export function createAuthUseCases(options: AuthOptions): AuthUseCases {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? new SnowflakeIds(0, clock);
  const events = options.securityEvents ?? ignoreSecurityEvents;
  const userEvents = options.userEvents ?? ignoreUserEvents;
  const { users, refreshTokens, limiter, hasher, secrets, revocations, pause } = options;
  const strength = options.passwordStrength;
  const sessions = new SessionIssuer({
    accessTokens: options.accessTokens,
    refreshTokens,
    secrets,
    ids,
    clock,
    refreshTtlSeconds: options.refreshTtlSeconds ?? DEFAULT_REFRESH_TTL_SECONDS,
    sessionMaxAgeSeconds: options.sessionMaxAgeSeconds ?? DEFAULT_SESSION_MAX_AGE_SECONDS,
  });
  const adminEmails = new Set((options.adminEmails ?? []).map((email) => email.trim().toLowerCase()));
  return {
    register: new RegisterUser({ users, userEvents, hasher, limiter, ids, clock, events, strength, adminEmails, pause }),
    login: new LogIn({ users, userEvents, hasher, limiter, sessions, clock, events, pause }),
    refresh: new RefreshSession({ users, refreshTokens, sessions, secrets, revocations, clock, events }),
    logout: new LogOut({ refreshTokens, secrets, revocations, clock }),
    changePassword: new ChangePassword({ users, userEvents, hasher, strength, limiter, refreshTokens, revocations, clock, events, pause }),
    changeRole: new ChangeRole({ users, userEvents, clock }),
    bootstrapAdmins: new BootstrapAdmins({ users, userEvents, clock }),
    currentUser: new GetCurrentUser({ users }),
    purgeExpiredSessions: new PurgeExpiredSessions({ refreshTokens, clock }),
    verifier: new VerifyAccessToken({ tokens: options.tokenVerifier, revocations, clock }),
  };
}
