import { isAppError } from '@mosaic/kit-core';
import { createTestDatabase, describeWithBackend, startTcpProxy, type TcpProxy, type TestDatabase } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMysqlPool, type MysqlPoolHandle } from './create-mysql-pool';
import { withTransaction } from './with-transaction';

async function failureOf(promise: Promise<unknown>): Promise<{ kind?: string; code?: string; status?: number; retryAfterSeconds?: number }> {
  try {
    await promise;
  } catch (error) {
    return isAppError(error)
      ? { kind: error.kind, code: error.code, status: error.status, retryAfterSeconds: error.retryAfterSeconds }
      : { code: String(error) };
  }
  throw new Error('expected a failure');
}

const UNAVAILABLE = { kind: 'unavailable', code: 'backend_unavailable', status: 503, retryAfterSeconds: 5 };

describeWithBackend('mysql', 'MySQL outage', (backend) => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let handle: MysqlPoolHandle;
  beforeAll(async () => {
    database = await createTestDatabase(backend.url(), 'kitdb_outage');
    proxy = await startTcpProxy(database.url);
    handle = createMysqlPool(proxy.rewrite(database.url), { connectTimeoutMs: 2_000 });
    await handle.pool.query('CREATE TABLE notes (id INT PRIMARY KEY)');
  });
  afterAll(async () => {
    await handle?.resource.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers backend_unavailable from every kind of call while the server is unreachable, and recovers without a restart', async () => {
    const { pool } = handle;
    await pool.query('SELECT 1');
    await proxy.cut();
    expect(await failureOf(pool.query('SELECT 1'))).toEqual(UNAVAILABLE);
    expect(await failureOf(pool.execute('SELECT ?', [1]))).toEqual(UNAVAILABLE);
    expect(await failureOf(pool.getConnection())).toEqual(UNAVAILABLE);
    expect(await failureOf(withTransaction(pool, (tx) => tx.query('INSERT INTO notes VALUES (1)')))).toEqual(UNAVAILABLE);
    await expect(handle.resource.check()).rejects.toThrow(/not reachable/);

    await proxy.restore();
    await pool.query('INSERT INTO notes VALUES (2)');
    await handle.resource.check();
  });

  it('maps a connection lost in the middle of a transaction, and rolls nothing half-written', async () => {
    const { pool } = handle;
    const outcome = failureOf(
      withTransaction(pool, async (tx) => {
        await tx.query('INSERT INTO notes VALUES (3)');
        await proxy.cut();
        await tx.query('INSERT INTO notes VALUES (4)');
      }),
    );
    expect(await outcome).toEqual(UNAVAILABLE);
    await proxy.restore();
    const [rows] = await pool.query('SELECT id FROM notes WHERE id IN (3, 4)');
    expect(rows).toEqual([]);
  });

  it('keeps statement errors as they are', async () => {
    await expect(handle.pool.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: 'ER_NO_SUCH_TABLE' });
  });
});
