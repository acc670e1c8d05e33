import { createHash } from 'node:crypto';
import type { AttemptAction, AttemptDecision, AttemptLimiter, AttemptScope, AttemptSubject } from '@mosaic/auth-domain';
import type { RateLimiter, RateLimitOptions } from '@mosaic/kit-ratelimit';
import { clientAddressKey } from './client-address-key';

export type AttemptLimits = Record<AttemptAction, Record<AttemptScope, RateLimitOptions>>;

/**
 * Per-email limits stop guessing one account's password from many addresses; per-IP
 * limits stop one address spraying many accounts. An IP allowance is larger because
 * offices and carrier NAT put many people behind one address.
 */
export const DEFAULT_ATTEMPT_LIMITS: AttemptLimits = {
  login: { ip: { points: 50, durationSeconds: 15 * 60 }, email: { points: 10, durationSeconds: 15 * 60 } },
  register: { ip: { points: 10, durationSeconds: 60 * 60 }, email: { points: 5, durationSeconds: 60 * 60 } },
};

export type MakeRateLimiter = (name: `${AttemptAction}-${AttemptScope}`, options: RateLimitOptions) => RateLimiter;

/** The AttemptLimiter port on kit-ratelimit: one limiter per action and scope, memory or Redis alike. */
export class RateLimitedAttempts implements AttemptLimiter {
  private readonly limiters: Record<AttemptAction, Record<AttemptScope, RateLimiter>>;

  constructor(make: MakeRateLimiter, limits: AttemptLimits = DEFAULT_ATTEMPT_LIMITS) {
    const forAction = (action: AttemptAction) => ({
      ip: make(`${action}-ip`, limits[action].ip),
      email: make(`${action}-email`, limits[action].email),
    });
    this.limiters = { login: forAction('login'), register: forAction('register') };
  }

  async attempt(action: AttemptAction, subject: AttemptSubject): Promise<AttemptDecision> {
    const limiters = this.limiters[action];
    // The address goes first: a client already over its own limit must not also use up
    // the victim's per-email allowance and lock the owner out.
    if (subject.ip) {
      const byIp = await limiters.ip.consume(clientAddressKey(subject.ip));
      if (!byIp.allowed) return { allowed: false, scope: 'ip', retryAfterSeconds: byIp.retryAfterSeconds };
    }
    const byEmail = await limiters.email.consume(emailKey(subject.email));
    if (!byEmail.allowed) return { allowed: false, scope: 'email', retryAfterSeconds: byEmail.retryAfterSeconds };
    return { allowed: true };
  }

  async succeeded(action: AttemptAction, subject: AttemptSubject): Promise<void> {
    await this.limiters[action].email.reset(emailKey(subject.email));
  }
}

/** Limiter stores (Redis) hold a digest, not the address itself. */
function emailKey(email: string): string {
  return createHash('sha256').update(email).digest('base64url');
}
