export { rateLimit } from './lib/rate-limit-middleware';
export type { RateLimitMiddlewareOptions } from './lib/rate-limit-middleware';
export type { RateLimitDecision, RateLimiter, RateLimitOptions } from './lib/rate-limiter';
export { createMemoryRateLimiter } from './memory/memory-rate-limiter';
export { createRedisRateLimiter } from './redis/redis-rate-limiter';
export type { RedisRateLimitOptions } from './redis/redis-rate-limiter';
