import { randomBytes } from 'node:crypto';
import type { PasswordHasher, SecurityEvent, UserEvent } from '@mosaic/auth-domain';
import {
  attemptLimits,
  createAuthCrypto,
  createAuthRepositories,
  createMemoryAttemptLimiter,
  createMemorySessionRevocations,
  generateSigningKeys,
  ZxcvbnPasswordStrength,
  type AttemptLimits,
} from '@mosaic/auth-repository';
import { ManualClock } from '@mosaic/kit-core';
import { createAuthUseCases, type AuthOptions } from '../auth-use-cases';

export const ISSUER = 'https://auth.mosaic.test';
export const AUDIENCE = 'mosaic';
/** Far lower than production so tests stay fast; the code path is the same. */
export const TEST_SCRYPT_COST = { logN: 10 };

export const generousLimits: AttemptLimits = attemptLimits({
  login: { ip: 1000, pair: 1000, freeEmailAttempts: 1000 },
  register: { ip: 1000, pair: 1000, freeEmailAttempts: 1000 },
});

export const ACCESS_TTL_SECONDS = 900;

/**
 * The auth use cases on memory and crypto adapters, a manual clock, recorded security
 * and user events and recorded (not slept) slow-downs.
 */
export async function authHarness(overrides: Partial<AuthOptions> & { limits?: AttemptLimits } = {}) {
  const clock = new ManualClock();
  const repositories = createAuthRepositories();
  const events: SecurityEvent[] = [];
  const userEvents: UserEvent[] = [];
  const pauses: number[] = [];
  const { limits, ...options } = overrides;
  const crypto = createAuthCrypto({
    keys: await generateSigningKeys(),
    issuer: ISSUER,
    audience: AUDIENCE,
    accessTtlSeconds: ACCESS_TTL_SECONDS,
    clock,
    scryptCost: TEST_SCRYPT_COST,
  });
  const auth = createAuthUseCases({
    users: repositories.users,
    refreshTokens: repositories.refreshTokens,
    limiter: createMemoryAttemptLimiter(limits ?? generousLimits),
    hasher: crypto.hasher,
    accessTokens: crypto.accessTokens,
    tokenVerifier: crypto.tokenVerifier,
    secrets: crypto.secrets,
    revocations: createMemorySessionRevocations({ ttlSeconds: ACCESS_TTL_SECONDS + 60, clock }),
    passwordStrength: new ZxcvbnPasswordStrength(),
    clock,
    securityEvents: { record: (event) => events.push(event) },
    userEvents: { record: (event) => userEvents.push(event) },
    pause: async (ms) => {
      pauses.push(ms);
    },
    ...options,
  });
  return { auth, clock, repositories, events, userEvents, pauses, crypto };
}

const run = randomBytes(3).toString('hex');
let sequence = 0;

/** A valid registration no other test uses. */
export function aRegistration(overrides: Partial<{ email: string; password: string; name: string | null; ip: string }> = {}) {
  return { email: `ada.${run}.${++sequence}@example.com`, password: 'correct horse battery staple', name: 'Ada', ...overrides };
}

/** Wraps a hasher and counts calls, to show both login failures do the same work. */
export class CountingHasher implements PasswordHasher {
  readonly verifications: { hadHash: boolean }[] = [];
  constructor(private readonly inner: PasswordHasher) {}
  hash(password: string) {
    return this.inner.hash(password);
  }
  verify(password: string, encodedHash: string | undefined) {
    this.verifications.push({ hadHash: encodedHash !== undefined });
    return this.inner.verify(password, encodedHash);
  }
  needsRehash(encodedHash: string) {
    return this.inner.needsRehash(encodedHash);
  }
}
