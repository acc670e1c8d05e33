import type { AttemptLimiter } from '@mosaic/auth-domain';
import type { RedisClient } from '@mosaic/kit-cache';
import { createMemoryRateLimiter, createRedisRateLimiter } from '@mosaic/kit-ratelimit';
import { DEFAULT_ATTEMPT_LIMITS, RateLimitedAttempts, type AttemptLimits } from './rate-limited-attempts';

/** Limits within this process: tests and single-instance deployments. */
export function createMemoryAttemptLimiter(limits: AttemptLimits = DEFAULT_ATTEMPT_LIMITS): AttemptLimiter {
  return new RateLimitedAttempts((_name, options) => createMemoryRateLimiter(options), limits);
}

export interface RedisAttemptLimiterOptions {
  /** Key prefix; default "auth". Each action and scope adds its own suffix. */
  namespace?: string;
  limits?: AttemptLimits;
}

/** Limits shared by every instance using the same Redis. */
export function createRedisAttemptLimiter(client: RedisClient, options: RedisAttemptLimiterOptions = {}): AttemptLimiter {
  const namespace = options.namespace ?? 'auth';
  return new RateLimitedAttempts(
    (name, limit) => createRedisRateLimiter(client, { ...limit, namespace: `${namespace}:attempts:${name}` }),
    options.limits ?? DEFAULT_ATTEMPT_LIMITS,
  );
}
