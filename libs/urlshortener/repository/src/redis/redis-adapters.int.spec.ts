import { connectRedis, createRedisCache, type RedisConnection } from '@mosaic/kit-cache';
import { createTestRedisNamespace, describeWithBackend, type TestRedisNamespace } from '@mosaic/kit-testing';
import { afterAll, beforeAll } from 'vitest';
import { clickCounterContract } from '../contract/click-counter-contract';
import { linkCacheContract } from '../contract/link-cache-contract';
import { MemoryLinkCache } from '../memory/memory-link-cache';
import { TieredLinkCache } from '../tiered/tiered-link-cache';
import { RedisClickCounter } from './redis-click-counter';
import { RedisLinkCache } from './redis-link-cache';

/** Short, so the expiry test waits on the real server only briefly. */
const MISSING_TTL_MS = 60;

describeWithBackend('redis', 'urlshortener Redis adapters', (backend) => {
  let connection: RedisConnection;
  let scope: TestRedisNamespace;
  beforeAll(async () => {
    connection = await connectRedis(backend.url());
    scope = createTestRedisNamespace(backend.url(), 'urlshortener');
  });
  afterAll(async () => {
    await scope?.drop();
    await connection?.resource.close();
  });

  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const sharedCache = () => new RedisLinkCache(createRedisCache(connection.client, { namespace: `${scope.namespace}:link` }), { missingTtlMs: MISSING_TTL_MS });

  linkCacheContract('Redis', async () => ({ cache: sharedCache(), missingTtlMs: MISSING_TTL_MS, elapse: wait }));

  linkCacheContract('memory in front of Redis', async () => ({
    cache: new TieredLinkCache(new MemoryLinkCache({ missingTtlMs: MISSING_TTL_MS }), sharedCache()),
    missingTtlMs: MISSING_TTL_MS,
    elapse: wait,
  }));

  clickCounterContract('Redis', async () => ({ counter: new RedisClickCounter(connection.client, { namespace: `${scope.namespace}:clicks` }) }));
});
