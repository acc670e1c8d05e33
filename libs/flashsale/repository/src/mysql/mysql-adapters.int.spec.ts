import { connectRedis, createRedisCache, type RedisConnection } from '@mosaic/kit-cache';
import { createMysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import {
  countingPool,
  createTestDatabase,
  createTestRedisNamespace,
  describeWithBackend,
  type TestDatabase,
  type TestRedisNamespace,
} from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFlashsaleAdapters } from '../create-flashsale-adapters';
import { CacheSaleGate } from '../gate/cache-sale-gate';
import { gateContract } from '../test-support/gate-contract';

const SALE = '2026120110';
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

describeWithBackend('mysql', 'flash-sale store under a checkout racing its purchase', (backend) => {
  let db: TestDatabase;
  let handle: MysqlPoolHandle;
  beforeAll(async () => {
    db = await createTestDatabase(backend.url(), 'flashsale_race');
    handle = createMysqlPool(db.url);
  });
  afterAll(async () => {
    await handle?.resource.close();
    await db?.drop();
  });

  it("lets a checkout arriving during its user's purchase wait for it, without a deadlock", async () => {
    const watched = countingPool(handle.pool);
    const adapters = createFlashsaleAdapters({ mysql: watched.pool });
    await adapters.migrate?.();
    const at = new Date('2026-12-01T10:10:00Z');
    const code = (n: number, user: string) => `${user}${'c'.repeat(20 - user.length)}${String(n).padStart(2, '0')}`;
    for (let round = 0; round < 10; round++) {
      const userId = `u${round}`;
      const basket = await adapters.checkouts.addToBasket({ saleId: SALE, userId, itemId: `${SALE}-00001`, newCode: code(1, userId), at });
      const purchase = adapters.unitOfWork.run(async (tx) => {
        await tx.lockBasket(basket);
        await new Promise((resolve) => setTimeout(resolve, 30));
        await tx.closeBasket(basket.code, { code: basket.code, bought: [], notBought: [], orderId: null });
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
      const next = await adapters.checkouts.addToBasket({ saleId: SALE, userId, itemId: `${SALE}-00002`, newCode: code(2, userId), at });
      await purchase;
      // The checkout waited for the purchase to close the basket, then opened a new one.
      expect([next.code, next.items]).toEqual([code(2, userId), [`${SALE}-00002`]]);
    }
    expect(watched.failures).toEqual([]);
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
