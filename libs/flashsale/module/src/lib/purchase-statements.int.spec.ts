import { createFlashsaleAdapters } from '@mosaic/flashsale-repository';
import { createFlashsaleUseCases } from '@mosaic/flashsale-usecase';
import { ManualClock, SnowflakeIds } from '@mosaic/kit-core';
import { createMysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import { countingPool, createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

const SALE = '2026120110';
const item = (index: number) => `${SALE}-${String(index).padStart(5, '0')}`;

describeWithBackend('mysql', 'flash-sale statements per operation', (backend) => {
  let db: TestDatabase;
  let handle: MysqlPoolHandle;
  let counted: ReturnType<typeof countingPool>;
  let useCases: ReturnType<typeof createFlashsaleUseCases>;

  beforeAll(async () => {
    db = await createTestDatabase(backend.url(), 'flashsale_statements');
    handle = createMysqlPool(db.url);
    counted = countingPool(handle.pool);
    const adapters = createFlashsaleAdapters({ mysql: counted.pool });
    await adapters.migrate?.();
    const clock = new ManualClock(Date.UTC(2026, 11, 1, 10, 10));
    useCases = createFlashsaleUseCases({ ...adapters, clock, ids: new SnowflakeIds(1, clock), itemsPerSale: 20 });
    await useCases.ensureSales.execute();
  });
  afterAll(async () => {
    await handle?.resource.close();
    await db?.drop();
  });

  it('checks out in one procedure call, and buys a basket in the same statements whatever its size', async () => {
    const basket = async (user: string, indexes: number[]) => {
      let code = '';
      for (const index of indexes) code = (await useCases.checkout.execute({ userId: user, itemId: item(index) })).code;
      return code;
    };
    // The sale is read once per process, by the first checkout.
    await basket('bob', [0]);
    counted.statements.length = 0;
    const first = await basket('alice', [1, 2, 3]);
    expect(counted.statements).toEqual(Array.from({ length: 3 }, () => 'CALL flashsale_checkout_batch_v3(?)'));

    const purchase = [
      'SELECT b.code, b.sale_id,',
      'BEGINTRANSACTION',
      'SELECT b.code, b.sale_id,',
      'UPDATE flashsale_items SET',
      'UPDATE flashsale_quotas SET',
      'INSERT INTO flashsale_order_events',
      'INSERT IGNORE INTO',
      'INSERT INTO flashsale_outbox',
      'UPDATE flashsale_baskets SET',
      'COMMIT',
    ];
    counted.statements.length = 0;
    expect((await useCases.purchase.execute({ code: first })).bought).toEqual([item(1), item(2), item(3)]);
    // A first purchase inserts the buyer's quota row after finding none to update.
    expect(counted.statements).toEqual([...purchase.slice(0, 5), 'INSERT IGNORE INTO', ...purchase.slice(5)]);

    const second = await basket('alice', [4, 5, 6, 7, 8, 9]);
    counted.statements.length = 0;
    expect((await useCases.purchase.execute({ code: second })).bought).toHaveLength(6);
    expect(counted.statements).toEqual(purchase);
  });
});
