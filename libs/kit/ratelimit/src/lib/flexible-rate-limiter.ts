import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitDecision, RateLimiter, RateLimitOptions } from './rate-limiter';

export function assertRateLimitOptions(options: RateLimitOptions): void {
  if (!Number.isSafeInteger(options.points) || options.points < 1) {
    throw new RangeError(`rate limit points must be a positive integer, got ${options.points}`);
  }
  // rate-limiter-flexible's Redis store counts whole seconds; fractions would differ between backends.
  if (!Number.isSafeInteger(options.durationSeconds) || options.durationSeconds < 1) {
    throw new RangeError(`rate limit durationSeconds must be a positive integer, got ${options.durationSeconds}`);
  }
}

/**
 * Adapts a rate-limiter-flexible limiter, which resolves when points are granted and
 * rejects with a RateLimiterRes when they are not (or with an Error when its store fails).
 */
export class FlexibleRateLimiter implements RateLimiter {
  readonly points: number;
  readonly durationSeconds: number;

  constructor(
    private readonly limiter: RateLimiterAbstract,
    options: RateLimitOptions,
  ) {
    this.points = options.points;
    this.durationSeconds = options.durationSeconds;
  }

  async consume(key: string, points = 1): Promise<RateLimitDecision> {
    if (!Number.isSafeInteger(points) || points < 1) throw new RangeError(`points to consume must be a positive integer, got ${points}`);
    try {
      return this.decision(true, await this.limiter.consume(key, points));
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return this.decision(false, outcome);
      throw outcome;
    }
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }

  private decision(allowed: boolean, res: RateLimiterRes): RateLimitDecision {
    const resetMs = Math.max(0, res.msBeforeNext);
    return {
      allowed,
      limit: this.points,
      remaining: allowed ? res.remainingPoints : 0,
      resetMs,
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(resetMs / 1000)),
    };
  }
}
