import { connectRedis, createRedisCache, type RedisConnection } from '@mosaic/kit-cache';
import { createMysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import { createTestDatabase, createTestRedisNamespace, describeWithBackend, type TestDatabase, type TestRedisNamespace } from '@mosaic/kit-testing';
import { afterAll, beforeAll } from 'vitest';
import { createFlashsaleAdapters } from '../create-flashsale-adapters';
import { CacheSaleGate } from '../gate/cache-sale-gate';
import { gateContract } from '../test-support/gate-contract';
import { storeContract } from '../test-support/store-contract';

describeWithBackend('mysql', 'flash-sale store', (backend) => {
  let open: { db: TestDatabase; handle: MysqlPoolHandle } | undefined;
  storeContract({
    name: 'mysql',
    async setUp() {
      const db = await createTestDatabase(backend.url(), 'flashsale');
      const handle = createMysqlPool(db.url, { connectionLimit: 12 });
      open = { db, handle };
      const adapters = createFlashsaleAdapters({ mysql: handle.pool });
      await adapters.migrate?.();
      return adapters;
    },
    async tearDown() {
      await open?.handle.resource.close();
      await open?.db.drop();
    },
  });
});

describeWithBackend('redis', 'flash-sale gate', (backend) => {
  let redis: RedisConnection;
  let space: TestRedisNamespace | undefined;
  beforeAll(async () => {
    redis = await connectRedis(backend.url());
  });
  afterAll(async () => redis?.resource.close());
  gateContract({
    name: 'redis',
    async setUp() {
      space = createTestRedisNamespace(backend.url(), 'flashsale');
      return new CacheSaleGate(createRedisCache(redis.client, { namespace: space.namespace }));
    },
    tearDown: async () => space?.drop(),
  });
});
