import type { RedisClient } from '@mosaic/kit-cache';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { assertRateLimitOptions, FlexibleRateLimiter } from '../lib/flexible-rate-limiter';
import type { RateLimiter, RateLimitOptions } from '../lib/rate-limiter';

export interface RedisRateLimitOptions extends RateLimitOptions {
  /** Prefix of this limiter's keys ("<namespace>:<key>"), so limiters sharing a server stay apart. */
  namespace: string;
}

/**
 * Limits shared by every process using the same Redis. rate-limiter-flexible spends
 * points with one Lua script (increment and expiry together), so it is atomic across
 * processes. When Redis is unreachable (or does not answer within the client's
 * command timeout) the limits fall back to this process's memory — rate-limiter-
 * flexible's insurance limiter — so requests are still limited, per process, and
 * never fail because Redis is down; Redis takes over again once it is back.
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
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: options.namespace, points: options.points, duration: options.durationSeconds }),
  });
  return new FlexibleRateLimiter(limiter, options);
}
