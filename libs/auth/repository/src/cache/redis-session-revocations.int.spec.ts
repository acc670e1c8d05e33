import { connectRedis, createRedisCache, type RedisConnection } from '@mosaic/kit-cache';
import { createTestRedisNamespace, describeWithBackend, type TestRedisNamespace } from '@mosaic/kit-testing';
import { afterAll, beforeAll } from 'vitest';
import { sessionRevocationsContract } from '../contract/session-revocations-contract';
import { CacheSessionRevocations } from './cache-session-revocations';

describeWithBackend('redis', 'auth session revocations on Redis', (backend) => {
  let redis: RedisConnection;
  let other: RedisConnection;
  const namespaces: TestRedisNamespace[] = [];

  beforeAll(async () => {
    redis = await connectRedis(backend.url());
    other = await connectRedis(backend.url());
  });

  afterAll(async () => {
    await Promise.all(namespaces.map((namespace) => namespace.drop()));
    await redis?.resource.close();
    await other?.resource.close();
  });

  // Two connections, as two processes would have, on one namespace.
  sessionRevocationsContract('redis', ({ clock, ttlSeconds, memoMs }) => {
    const namespace = createTestRedisNamespace(backend.url(), 'auth_sessions');
    namespaces.push(namespace);
    const on = (connection: RedisConnection) =>
      new CacheSessionRevocations(createRedisCache(connection.client, { namespace: namespace.namespace }), { ttlSeconds, memoMs, clock });
    return { first: on(redis), second: on(other) };
  });
});
