import {
  ignoreSecurityEvents,
  type AttemptLimiter,
  type PasswordHasher,
  type RefreshTokenRepository,
  type SecurityEventSink,
  type TokenVerifier,
  type UserRepository,
} from '@mosaic/auth-domain';
import { SnowflakeIds, systemClock, type Clock, type IdGenerator } from '@mosaic/kit-core';
import type { JSONWebKeySet } from 'jose';
import { ScryptPasswordHasher, type ScryptCost } from '../crypto/scrypt-password-hasher';
import { JwtAccessTokens } from '../jwt/jwt-access-tokens';
import type { SigningKeys } from '../jwt/signing-keys';
import { GetCurrentUser } from './get-current-user';
import { LogIn } from './log-in';
import { LogOut } from './log-out';
import { PurgeExpiredSessions } from './purge-expired-sessions';
import { RefreshSession } from './refresh-session';
import { RegisterUser } from './register-user';
import { SessionIssuer } from './session-tokens';

export const DEFAULT_ACCESS_TTL_SECONDS = 15 * 60;
export const DEFAULT_REFRESH_TTL_SECONDS = 7 * 24 * 60 * 60;
export const DEFAULT_SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export interface AuthOptions {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  limiter: AttemptLimiter;
  /** From `resolveSigningKeys`. */
  keys: SigningKeys;
  issuer: string;
  audience: string;
  /** Default 15 minutes. */
  accessTtlSeconds?: number;
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
  /** scrypt cost for new hashes; lower it only in tests. */
  scryptCost?: Partial<ScryptCost>;
  /** Replaces scrypt altogether. */
  passwordHasher?: PasswordHasher;
  /** Where failed logins, limited attempts and refresh-token reuse are reported. */
  securityEvents?: SecurityEventSink;
}

export interface AuthUseCases {
  readonly register: RegisterUser;
  readonly login: LogIn;
  readonly refresh: RefreshSession;
  readonly logout: LogOut;
  readonly currentUser: GetCurrentUser;
  readonly purgeExpiredSessions: PurgeExpiredSessions;
  /** The in-process TokenVerifier to hand to other domains' middleware. */
  readonly verifier: TokenVerifier;
  readonly accessTtlSeconds: number;
  /** Public signing keys, for verifiers in other processes. */
  jwks(): JSONWebKeySet;
}

/** Wires every auth use case from its ports and configuration. */
export function createAuthUseCases(options: AuthOptions): AuthUseCases {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? new SnowflakeIds(0, clock);
  const events = options.securityEvents ?? ignoreSecurityEvents;
  const hasher = options.passwordHasher ?? new ScryptPasswordHasher(options.scryptCost);
  const accessTtlSeconds = options.accessTtlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS;
  const tokens = new JwtAccessTokens({
    keys: options.keys,
    issuer: options.issuer,
    audience: options.audience,
    ttlSeconds: accessTtlSeconds,
    clock,
  });
  const sessions = new SessionIssuer({
    accessTokens: tokens,
    refreshTokens: options.refreshTokens,
    ids,
    clock,
    refreshTtlSeconds: options.refreshTtlSeconds ?? DEFAULT_REFRESH_TTL_SECONDS,
    sessionMaxAgeSeconds: options.sessionMaxAgeSeconds ?? DEFAULT_SESSION_MAX_AGE_SECONDS,
  });
  const { users, refreshTokens, limiter } = options;
  return {
    register: new RegisterUser({ users, hasher, limiter, ids, clock, events }),
    login: new LogIn({ users, hasher, limiter, sessions, clock, events }),
    refresh: new RefreshSession({ users, refreshTokens, sessions, clock, events }),
    logout: new LogOut({ refreshTokens, clock }),
    currentUser: new GetCurrentUser({ users }),
    purgeExpiredSessions: new PurgeExpiredSessions({ refreshTokens, clock }),
    verifier: tokens,
    accessTtlSeconds,
    jwks: () => tokens.jwks(),
  };
}
