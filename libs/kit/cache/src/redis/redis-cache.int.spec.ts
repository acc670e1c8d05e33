import { createTestRedisNamespace, describeWithBackend } from '@mosaic/kit-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheContract } from '../contract/cache-contract';
import { connectRedis, type RedisConnection } from './connect-redis';
import { createRedisCache } from './redis-cache';

describeWithBackend('redis', 'Redis cache', (backend) => {
  let redis: RedisConnection;
  beforeAll(async () => {
    redis = await connectRedis(backend.url());
  });
  afterAll(async () => redis?.resource.close());

  cacheContract('redis', async () => {
    const space = createTestRedisNamespace(backend.url(), 'cache');
    return {
      cache: createRedisCache(redis.client, { namespace: space.namespace }),
      // Real time has to pass; the contract polls after this rather than trusting the wait.
      elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      dispose: () => space.drop(),
    };
  });

  describe('Redis specifics', () => {
    it('keeps caches with different namespaces apart', async () => {
      const space = createTestRedisNamespace(backend.url(), 'cache');
      try {
        const links = createRedisCache(redis.client, { namespace: `${space.namespace}:links` });
        const users = createRedisCache(redis.client, { namespace: `${space.namespace}:users` });
        await links.set('1', 'link');
        expect(await users.get('1')).toBeNull();
        expect(await redis.client.get(`${space.namespace}:links:1`)).toBe('link');
      } finally {
        await space.drop();
      }
    });

    it('reloads a script the server has forgotten', async () => {
      const space = createTestRedisNamespace(backend.url(), 'cache');
      try {
        const cache = createRedisCache(redis.client, { namespace: space.namespace });
        expect(await cache.increment('n', 1, { ttlMs: 60_000 })).toBe(1);
        await redis.client.script('FLUSH');
        expect(await cache.increment('n', 1, { ttlMs: 60_000 })).toBe(2);
      } finally {
        await space.drop();
      }
    });

    it('exposes a Resource that checks the connection and closes it', async () => {
      const own = await connectRedis(backend.url(), { name: 'cache-redis' });
      expect(own.resource.name).toBe('cache-redis');
      await expect(own.resource.check()).resolves.toBeUndefined();
      await own.resource.close();
      await expect(own.resource.check()).rejects.toThrow();
      await expect(own.resource.close()).resolves.toBeUndefined();
    });

    it('fails at connect with a message naming the server', async () => {
      await expect(connectRedis('redis://:secret@127.0.0.1:1')).rejects.toThrow(/cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    });
  });
});
