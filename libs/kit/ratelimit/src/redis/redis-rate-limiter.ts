import type { RedisClient } from '@mosaic/kit-cache';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { assertRateLimitOptions, FlexibleRateLimiter } from '../lib/flexible-rate-limiter';
import type { RateLimiter, RateLimitOptions } from '../lib/rate-limiter';

export interface RedisRateLimitOptions extends RateLimitOptions {
  /** Prefix of this limiter's keys ("<namespace>:<key>"), so limiters sharing a server stay apart. */
  namespace: string;
}

/**
 * Limits shared by every process using the same Redis. rate-limiter-flexible spends
 * points with one Lua script (increment and expiry together), so it is atomic across
 * processes. When Redis is unreachable `consume` rejects at once instead of queueing.
 */
export function createRedisRateLimiter(client: RedisClient, options: RedisRateLimitOptions): RateLimiter {
  assertRateLimitOptions(options);
  if (!options.namespace) throw new TypeError('a Redis rate limiter needs a namespace');
  const limiter = new RateLimiterRedis({
    storeClient: client,
    keyPrefix: options.namespace,
    points: options.points,
    duration: options.durationSeconds,
    rejectIfRedisNotReady: true,
  });
  return new FlexibleRateLimiter(limiter, options);
}
