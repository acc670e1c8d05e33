import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMysqlPool, type MysqlPoolHandle } from './create-mysql-pool';

describeWithBackend('mysql', 'MySQL pool', (backend) => {
  let database: TestDatabase;
  let handle: MysqlPoolHandle;
  beforeAll(async () => {
    database = await createTestDatabase(backend.url(), 'kitdb_pool');
    handle = createMysqlPool(database.url);
  });
  afterAll(async () => {
    await handle?.resource.close();
    await database?.drop();
  });

  it('returns BIGINT and DECIMAL values as exact strings', async () => {
    const { pool } = handle;
    await pool.query('CREATE TABLE amounts (id BIGINT UNSIGNED PRIMARY KEY, price DECIMAL(30, 8) NOT NULL)');
    await pool.query('INSERT INTO amounts VALUES (?, ?)', ['18446744073709551615', '12345678901234567890.12345678']);
    await pool.execute('INSERT INTO amounts VALUES (?, ?)', ['9007199254740993', '0.00000001']);
    const [rows] = await pool.query<RowDataPacket[]>('SELECT id, price FROM amounts ORDER BY id');
    expect(rows).toEqual([
      { id: '9007199254740993', price: '0.00000001' },
      { id: '18446744073709551615', price: '12345678901234567890.12345678' },
    ]);
  });

  it('stores four-byte UTF-8 text', async () => {
    const { pool } = handle;
    await pool.query('CREATE TABLE notes (body VARCHAR(100) NOT NULL)');
    await pool.query('INSERT INTO notes VALUES (?)', ['rocket 🚀 and 漢字']);
    const [rows] = await pool.query<RowDataPacket[]>('SELECT body FROM notes');
    expect(rows[0].body).toBe('rocket 🚀 and 漢字');
  });

  it('keeps every session in UTC, so TIMESTAMP and DATETIME round-trip the same instant', async () => {
    const { pool } = handle;
    const instant = new Date('2026-03-29T01:30:00.123Z');
    await pool.query('CREATE TABLE moments (ts TIMESTAMP(3) NOT NULL, dt DATETIME(3) NOT NULL)');
    await pool.query('INSERT INTO moments VALUES (?, ?)', [instant, instant]);
    // Several connections at once, so more than the first pooled session is checked.
    const results = await Promise.all(
      Array.from({ length: 4 }, () => pool.query<RowDataPacket[]>("SELECT ts, dt, @@session.time_zone AS zone, DATE_FORMAT(ts, '%H:%i') AS wall FROM moments")),
    );
    for (const [rows] of results) {
      expect(rows[0]).toEqual({ ts: instant, dt: instant, zone: '+00:00', wall: '01:30' });
    }
  });

  it('names the failing statement in its error, keeping the driver code', async () => {
    const failure = handle.pool.query('SELECT missing_column FROM   no_such_table WHERE id = ?', [7]);
    await expect(failure).rejects.toThrow(/no_such_table.*\(in SELECT missing_column FROM no_such_table WHERE id\)$/);
    await expect(failure).rejects.toMatchObject({ code: 'ER_NO_SUCH_TABLE' });
    const connection = await handle.pool.getConnection();
    try {
      await expect(connection.execute('INSERT INTO no_such_table VALUES (?)', [1])).rejects.toThrow(/\(in INSERT INTO no_such_table VALUES \(\?\)\)$/);
    } finally {
      connection.release();
    }
  });

  it('hands a pooled connection out with the same guarded methods each time, still naming failures', async () => {
    const single = createMysqlPool(database.url, { connectionLimit: 1 });
    try {
      const first = await single.pool.getConnection();
      const { query, release } = first;
      first.release();
      const second = await single.pool.getConnection();
      try {
        // One wrapper per connection and method, not per transaction and statement.
        expect(second).toBe(first);
        expect(second.query).toBe(query);
        expect(second.release).toBe(release);
        await expect(second.query('SELECT * FROM no_such_table')).rejects.toThrow(/\(in SELECT \* FROM no_such_table\)$/);
      } finally {
        second.release();
      }
    } finally {
      await single.resource.close();
    }
  });

  it('opens every session at READ COMMITTED, or at the level asked for', async () => {
    const levels = async (pool: MysqlPoolHandle['pool']) =>
      Promise.all(Array.from({ length: 3 }, async () => (await pool.query<RowDataPacket[]>('SELECT @@tx_isolation AS level'))[0][0].level));
    expect(new Set(await levels(handle.pool))).toEqual(new Set(['READ-COMMITTED']));
    const serializable = createMysqlPool(database.url, { isolationLevel: 'SERIALIZABLE' });
    try {
      expect(new Set(await levels(serializable.pool))).toEqual(new Set(['SERIALIZABLE']));
    } finally {
      await serializable.resource.close();
    }
  });

  it('runs one statement per query', async () => {
    await expect(handle.pool.query('SELECT 1; SELECT 2')).rejects.toThrow(/syntax/i);
  });

  it('exposes a Resource that checks the server and closes the pool', async () => {
    const own = createMysqlPool(database.url, { name: 'accounts-db' });
    expect(own.resource.name).toBe('accounts-db');
    await expect(own.resource.check()).resolves.toBeUndefined();
    await own.resource.close();
    await expect(own.resource.check()).rejects.toThrow(/not reachable/);
    await expect(own.resource.close()).resolves.toBeUndefined();
  });

  it('names the server, without its password, when it cannot be reached', async () => {
    const unreachable = createMysqlPool('mysql://root:secret@127.0.0.1:1/test', { connectTimeoutMs: 1_000 });
    try {
      const failure = unreachable.resource.check();
      await expect(failure).rejects.toThrow('MySQL at mysql://root:***@127.0.0.1:1/test is not reachable');
    } finally {
      await unreachable.resource.close();
    }
  });
});
