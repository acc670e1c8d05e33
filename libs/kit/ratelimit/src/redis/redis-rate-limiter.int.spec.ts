import { connectRedis, type RedisConnection } from '@mosaic/kit-cache';
import { createTestRedisNamespace, describeWithBackend, startTcpProxy, type TestRedisNamespace } from '@mosaic/kit-testing';
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

  rateLimiterContract('redis', (options) => createRedisRateLimiter(redis.client, { ...options, namespace: `${space.namespace}:${++limiters}` }));

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

  it('keeps limiting in process memory while Redis is unreachable, and goes back to Redis once it returns', async () => {
    const proxy = await startTcpProxy(backend.url());
    const via = await connectRedis(proxy.rewrite(backend.url()), { onError: () => undefined });
    try {
      const limiter = createRedisRateLimiter(via.client, { namespace: `${space.namespace}:outage`, points: 3, durationSeconds: 60 });
      await proxy.cut();
      const during = await Promise.all(Array.from({ length: 5 }, () => limiter.consume('k')));
      expect(during.filter((decision) => decision.allowed)).toHaveLength(3);
      await proxy.restore();
      await expect.poll(() => via.client.status, { timeout: 10_000 }).toBe('ready');
      expect((await limiter.consume('shared')).remaining).toBe(2);
      expect(await redis.client.exists(`${space.namespace}:outage:shared`)).toBe(1);
    } finally {
      await via.resource.close();
      await proxy.close();
    }
  });
});
