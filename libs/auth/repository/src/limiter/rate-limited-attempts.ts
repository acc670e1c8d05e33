import { createHash } from 'node:crypto';
import type { AttemptAction, AttemptDecision, AttemptLimiter, AttemptSubject } from '@mosaic/auth-domain';
import type { RateLimiter, RateLimitOptions } from '@mosaic/kit-ratelimit';
import { clientAddressKey } from './client-address-key';

/** Tries at one email beyond `freeAttempts` per window wait `baseDelayMs`, doubling per try, up to `maxDelayMs`. */
export interface SlowDownOptions {
  freeAttempts: number;
  durationSeconds: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ActionLimits {
  /** One address, whatever the emails: stops spraying many accounts. */
  ip: RateLimitOptions;
  /** One email from one address: stops guessing one password from one place. */
  pair: RateLimitOptions;
  /** One email from anywhere: slowed, never refused, so nobody can lock its owner out. */
  email: SlowDownOptions;
}

export type AttemptLimits = Record<AttemptAction, ActionLimits>;

/**
 * An address's allowance is larger than a pair's because offices and carrier NAT put
 * many people behind one address.
 */
export const DEFAULT_ATTEMPT_LIMITS: AttemptLimits = {
  login: {
    ip: { points: 50, durationSeconds: 15 * 60 },
    pair: { points: 5, durationSeconds: 15 * 60 },
    email: { freeAttempts: 5, durationSeconds: 15 * 60, baseDelayMs: 250, maxDelayMs: 5_000 },
  },
  register: {
    ip: { points: 10, durationSeconds: 60 * 60 },
    pair: { points: 5, durationSeconds: 60 * 60 },
    email: { freeAttempts: 5, durationSeconds: 60 * 60, baseDelayMs: 250, maxDelayMs: 5_000 },
  },
};

/** The email counter only measures; its ceiling is never meant to be reached. */
const EMAIL_COUNTER_CEILING = 1_000_000;

export type LimiterName = `${AttemptAction}-${'ip' | 'pair' | 'email'}`;
export type MakeRateLimiter = (name: LimiterName, options: RateLimitOptions) => RateLimiter;

interface ActionLimiters {
  ip: RateLimiter;
  pair: RateLimiter;
  email: RateLimiter;
  slowDown: SlowDownOptions;
}

/** The AttemptLimiter port on kit-ratelimit: three counters per action, memory or Redis alike. */
export class RateLimitedAttempts implements AttemptLimiter {
  private readonly limiters: Record<AttemptAction, ActionLimiters>;

  constructor(make: MakeRateLimiter, limits: AttemptLimits = DEFAULT_ATTEMPT_LIMITS) {
    const forAction = (action: AttemptAction): ActionLimiters => ({
      ip: make(`${action}-ip`, limits[action].ip),
      pair: make(`${action}-pair`, limits[action].pair),
      email: make(`${action}-email`, { points: EMAIL_COUNTER_CEILING, durationSeconds: limits[action].email.durationSeconds }),
      slowDown: limits[action].email,
    });
    this.limiters = { login: forAction('login'), register: forAction('register') };
  }

  async attempt(action: AttemptAction, subject: AttemptSubject): Promise<AttemptDecision> {
    const limiters = this.limiters[action];
    // Address first, then the pair: a client already over its own limit must not also
    // spend the email's counters, which would slow its owner down.
    if (subject.ip) {
      const byIp = await limiters.ip.consume(clientAddressKey(subject.ip));
      if (!byIp.allowed) return { allowed: false, scope: 'ip', retryAfterSeconds: byIp.retryAfterSeconds };
    }
    const byPair = await limiters.pair.consume(pairKey(subject));
    if (!byPair.allowed) return { allowed: false, scope: 'pair', retryAfterSeconds: byPair.retryAfterSeconds };
    const byEmail = await limiters.email.consume(emailKey(subject.email));
    const spent = byEmail.limit - byEmail.remaining;
    const { freeAttempts, baseDelayMs, maxDelayMs } = limiters.slowDown;
    if (spent <= freeAttempts) return { allowed: true };
    return { allowed: true, delayMs: Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(spent - freeAttempts - 1, 30)) };
  }

  async succeeded(action: AttemptAction, subject: AttemptSubject): Promise<void> {
    const limiters = this.limiters[action];
    await Promise.all([limiters.email.reset(emailKey(subject.email)), limiters.pair.reset(pairKey(subject))]);
  }
}

/** Limiter stores (Redis) hold digests, not addresses. */
function emailKey(email: string): string {
  return createHash('sha256').update(email).digest('base64url');
}

function pairKey(subject: AttemptSubject): string {
  return `${emailKey(subject.email)}:${subject.ip ? clientAddressKey(subject.ip) : 'none'}`;
}

export interface AttemptAllowances {
  ip?: number;
  pair?: number;
  freeEmailAttempts?: number;
}

/** The default limits with other allowances, for configuration and tests. */
export function attemptLimits(allowances: Partial<Record<AttemptAction, AttemptAllowances>>): AttemptLimits {
  const of = (action: AttemptAction): ActionLimits => {
    const base = DEFAULT_ATTEMPT_LIMITS[action];
    const given = allowances[action] ?? {};
    return {
      ip: { ...base.ip, points: given.ip ?? base.ip.points },
      pair: { ...base.pair, points: given.pair ?? base.pair.points },
      email: { ...base.email, freeAttempts: given.freeEmailAttempts ?? base.email.freeAttempts },
    };
  };
  return { login: of('login'), register: of('register') };
}
