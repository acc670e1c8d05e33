import { randomBytes } from 'node:crypto';
import type { PasswordHasher, SecurityEvent } from '@mosaic/auth-domain';
import { createAuthRepositories, createMemoryAttemptLimiter, type AttemptLimits } from '@mosaic/auth-repository';
import { ManualClock } from '@mosaic/kit-core';
import { createAuthUseCases, type AuthOptions } from '../lib/auth-use-cases';
import { generateSigningKeys } from '../jwt/signing-keys';

export const ISSUER = 'https://auth.mosaic.test';
export const AUDIENCE = 'mosaic';
/** Far lower than production so tests stay fast; the code path is the same. */
export const TEST_SCRYPT_COST = { logN: 10 };

export const generousLimits: AttemptLimits = {
  login: { ip: { points: 1000, durationSeconds: 60 }, email: { points: 1000, durationSeconds: 60 } },
  register: { ip: { points: 1000, durationSeconds: 60 }, email: { points: 1000, durationSeconds: 60 } },
};

/** The auth use cases on memory adapters, a manual clock and a recorded event stream. */
export async function authHarness(overrides: Partial<AuthOptions> & { limits?: AttemptLimits } = {}) {
  const clock = new ManualClock();
  const repositories = createAuthRepositories();
  const events: SecurityEvent[] = [];
  const { limits, ...options } = overrides;
  const auth = createAuthUseCases({
    users: repositories.users,
    refreshTokens: repositories.refreshTokens,
    limiter: createMemoryAttemptLimiter(limits ?? generousLimits),
    keys: await generateSigningKeys(),
    issuer: ISSUER,
    audience: AUDIENCE,
    clock,
    scryptCost: TEST_SCRYPT_COST,
    securityEvents: { record: (event) => events.push(event) },
    ...options,
  });
  return { auth, clock, repositories, events };
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
