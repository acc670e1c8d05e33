import { connectRedis, type RedisConnection } from '@mosaic/kit-cache';
import { createTestRedisNamespace, describeWithBackend, type TestRedisNamespace } from '@mosaic/kit-testing';
import { afterAll, beforeAll } from 'vitest';
import { attemptLimiterContract } from '../contract/attempt-limiter-contract';
import { createRedisAttemptLimiter } from './attempt-limiters';

describeWithBackend('redis', 'auth attempt limiter on Redis', (backend) => {
  let redis: RedisConnection;
  const namespaces: TestRedisNamespace[] = [];

  beforeAll(async () => {
    redis = await connectRedis(backend.url());
  });

  afterAll(async () => {
    await Promise.all(namespaces.map((namespace) => namespace.drop()));
    await redis?.resource.close();
  });

  attemptLimiterContract('redis', (limits) => {
    const namespace = createTestRedisNamespace(backend.url(), 'auth_attempts');
    namespaces.push(namespace);
    return createRedisAttemptLimiter(redis.client, { namespace: namespace.namespace, limits });
  });
});
