import { RateLimiterMemory } from 'rate-limiter-flexible';
import { assertRateLimitOptions, FlexibleRateLimiter } from '../lib/flexible-rate-limiter';
import type { RateLimiter, RateLimitOptions } from '../lib/rate-limiter';

/** Limits within this process only: for tests and single-process deployments. */
export function createMemoryRateLimiter(options: RateLimitOptions): RateLimiter {
  assertRateLimitOptions(options);
  return new FlexibleRateLimiter(new RateLimiterMemory({ points: options.points, duration: options.durationSeconds }), options);
}
