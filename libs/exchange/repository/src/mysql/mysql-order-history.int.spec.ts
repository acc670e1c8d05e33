import { createMysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOrderHistoryContract } from '../test-support/order-history-contract';
import { EXCHANGE_MIGRATIONS, migrateExchangeSchema } from './migrations/exchange-migrations';
import { MysqlOrderHistory } from './mysql-order-history';

describeWithBackend('mysql', 'exchange MySQL order history', (backend) => {
  let database: TestDatabase;
  let mysql: MysqlPoolHandle;

  beforeAll(async () => {
    database = await createTestDatabase(backend.url(), 'exchange_history');
    mysql = createMysqlPool(database.url);
    await migrateExchangeSchema(mysql.pool);
  });

  afterAll(async () => {
    await mysql?.resource.close();
    await database?.drop();
  });

  it('migrates once; re-running applies nothing', async () => {
    expect(await migrateExchangeSchema(mysql.pool)).toEqual({ applied: [], alreadyApplied: EXCHANGE_MIGRATIONS.length });
  });

  describeOrderHistoryContract('mysql', async () => new MysqlOrderHistory(mysql.pool));
});
