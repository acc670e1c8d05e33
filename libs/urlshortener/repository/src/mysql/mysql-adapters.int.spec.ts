import { createMysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clickCounterContract } from '../contract/click-counter-contract';
import { linkRepositoryContract } from '../contract/link-repository-contract';
import { migrateUrlshortener } from './migrate-urlshortener';
import { MysqlClickCounter } from './mysql-click-counter';
import { MysqlLinkRepository } from './mysql-link-repository';

describeWithBackend('mysql', 'urlshortener MySQL adapters', (backend) => {
  let database: TestDatabase;
  let handle: MysqlPoolHandle;
  beforeAll(async () => {
    database = await createTestDatabase(backend.url(), 'urlshortener');
    handle = createMysqlPool(database.url);
    await migrateUrlshortener(handle.pool);
  });
  afterAll(async () => {
    await handle?.resource.close();
    await database?.drop();
  });

  linkRepositoryContract('MySQL', async () => ({ repository: new MysqlLinkRepository(handle.pool) }));

  clickCounterContract('MySQL', async () => ({ counter: new MysqlClickCounter(handle.pool) }));

  it('migrates once: running again applies nothing and keeps the data', async () => {
    await handle.pool.query("INSERT INTO urlshortener_link_clicks (code, clicks) VALUES ('migrated1', 7)");
    expect((await migrateUrlshortener(handle.pool)).applied).toEqual([]);
    const [rows] = await handle.pool.query<RowDataPacket[]>("SELECT clicks FROM urlshortener_link_clicks WHERE code = 'migrated1'");
    expect(rows[0]?.clicks).toBe('7');
  });
});
