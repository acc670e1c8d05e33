import { connectRedis, type RedisConnection } from '@mosaic/kit-cache';
import { createTestRedisNamespace, describeWithBackend, type TestRedisNamespace } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rateLimiterContract } from '../contract/rate-limiter-contract';
import { createRedisRateLimiter } from './redis-rate-limiter';

describeWithBackend('redis', 'Redis rate limiter', (backend) => {
  let redis: RedisConnection;
  let space: TestRedisNamespace;
  let limiters = 0;
  beforeAll(async () => {
    redis = await connectRedis(backend.url());
    space = createTestRedisNamespace(backend.url(), 'ratelimit');
  });
  afterAll(async () => {
    await space?.drop();
    await redis?.resource.close();
  });

  rateLimiterContract('redis', (options) =>
    createRedisRateLimiter(redis.client, { ...options, namespace: `${space.namespace}:${++limiters}` }),
  );

  it('shares one allowance between limiters on the same namespace, as separate processes would', async () => {
    const other = await connectRedis(backend.url());
    try {
      const namespace = `${space.namespace}:shared`;
      const here = createRedisRateLimiter(redis.client, { namespace, points: 10, durationSeconds: 60 });
      const there = createRedisRateLimiter(other.client, { namespace, points: 10, durationSeconds: 60 });
      const decisions = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? here : there).consume('user')));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(10);
    } finally {
      await other.resource.close();
    }
  });

  it('fails fast when Redis is unreachable rather than admitting or queueing', async () => {
    const gone = await connectRedis(backend.url());
    await gone.resource.close();
    const limiter = createRedisRateLimiter(gone.client, { namespace: `${space.namespace}:gone`, points: 1, durationSeconds: 60 });
    await expect(limiter.consume('k')).rejects.toBeInstanceOf(Error);
  });
});
