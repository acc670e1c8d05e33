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
import type { RowDataPacket } from 'mysql2/promise';
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

/**
 * Other connections of this test's database running a statement right now. Read from the
 * process list, not from INNODB_TRX: a locking read inside the checkout procedure was seen
 * waiting for seconds before (or without) showing there as a LOCK WAIT.
 */
async function statementsRunning(handle: MysqlPoolHandle): Promise<number> {
  const [[row]] = await handle.pool.query<RowDataPacket[]>(
    "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND COMMAND = 'Query'",
  );
  return Number(row?.n);
}

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
      // Ordered by events, not by sleeps: the checkout starts once the purchase holds the
      // basket's lock, and the purchase closes the basket once the checkout is running in the server.
      let locked!: () => void;
      const lockHeld = new Promise<void>((resolve) => (locked = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const purchase = adapters.unitOfWork.run(async (tx) => {
        await tx.lockBasket(basket);
        locked();
        await released;
        await tx.closeBasket(basket.code, { code: basket.code, bought: [], notBought: [], orderId: null });
      });
      await lockHeld;
      let settled = false;
      const checkingOut = adapters.checkouts
        .addToBasket({ saleId: SALE, userId, itemId: `${SALE}-00002`, newCode: code(2, userId), at })
        .finally(() => (settled = true));
      // The purchase's connection sleeps while it holds the lock, so a running statement is the
      // checkout, inside the server and unable to finish. One that did not wait (settled
      // already) is let through too, and fails below.
      await expect.poll(async () => settled || (await statementsRunning(handle)) > 0).toBe(true);
      release();
      const next = await checkingOut;
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
