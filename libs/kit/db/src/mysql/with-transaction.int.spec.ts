import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createMysqlPool, type MysqlPoolHandle } from './create-mysql-pool';
import { MYSQL_ERRORS } from './mysql-errors';
import { withTransaction } from './with-transaction';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describeWithBackend('mysql', 'withTransaction', (backend) => {
  let database: TestDatabase;
  let handle: MysqlPoolHandle;
  beforeAll(async () => {
    database = await createTestDatabase(backend.url(), 'kitdb_tx');
    handle = createMysqlPool(database.url, { connectionLimit: 4 });
    await handle.pool.query('CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL) ENGINE=InnoDB');
  });
  afterAll(async () => {
    await handle?.resource.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await handle.pool.query('DELETE FROM accounts');
    await handle.pool.query('INSERT INTO accounts VALUES (1, 100), (2, 100)');
  });

  async function balances(): Promise<Record<number, string>> {
    const [rows] = await handle.pool.query<RowDataPacket[]>('SELECT id, balance FROM accounts ORDER BY id');
    return Object.fromEntries(rows.map((row) => [row.id, row.balance]));
  }

  it('commits what the work did and returns its result', async () => {
    const result = await withTransaction(handle.pool, async (tx) => {
      await tx.query('UPDATE accounts SET balance = balance - 30 WHERE id = 1');
      await tx.query('UPDATE accounts SET balance = balance + 30 WHERE id = 2');
      return 'moved';
    });
    expect(result).toBe('moved');
    expect(await balances()).toEqual({ 1: '70', 2: '130' });
  });

  it('rolls back everything when the work throws, and rethrows that error', async () => {
    const failure = new Error('insufficient funds');
    let attempts = 0;
    await expect(
      withTransaction(handle.pool, async (tx) => {
        attempts++;
        await tx.query('UPDATE accounts SET balance = balance - 500 WHERE id = 1');
        await tx.query('INSERT INTO accounts VALUES (3, 1)');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(attempts).toBe(1);
    expect(await balances()).toEqual({ 1: '100', 2: '100' });
  });

  it('rolls back when a statement fails, without retrying it', async () => {
    let attempts = 0;
    await expect(
      withTransaction(handle.pool, async (tx) => {
        attempts++;
        await tx.query('UPDATE accounts SET balance = 0 WHERE id = 1');
        await tx.query('INSERT INTO accounts VALUES (2, 5)');
      }),
    ).rejects.toMatchObject({ errno: MYSQL_ERRORS.DUP_ENTRY });
    expect(attempts).toBe(1);
    expect(await balances()).toEqual({ 1: '100', 2: '100' });
  });

  it('retries the deadlock victim until both transfers commit', async () => {
    // Each transaction locks one row, waits until the other has locked the second,
    // then asks for it: a certain deadlock on the first attempt.
    let locked = 0;
    const bothLocked = deferred();
    const attempts: Record<string, number> = { a: 0, b: 0 };
    const transfer = (name: 'a' | 'b', first: number, second: number) =>
      withTransaction(
        handle.pool,
        async (tx, attempt) => {
          attempts[name] = attempt;
          await tx.query('UPDATE accounts SET balance = balance - 10 WHERE id = ?', [first]);
          if (attempt === 1) {
            if (++locked === 2) bothLocked.resolve();
            await bothLocked.promise;
          }
          await tx.query('UPDATE accounts SET balance = balance + 10 WHERE id = ?', [second]);
        },
        { retries: 3, baseDelayMs: 5 },
      );

    await Promise.all([transfer('a', 1, 2), transfer('b', 2, 1)]);
    expect(attempts.a + attempts.b).toBe(3);
    expect(await balances()).toEqual({ 1: '100', 2: '100' });
  });

  it('retries after a lock wait timeout', async () => {
    const blocker = await handle.pool.getConnection();
    const releaseBlocker = deferred();
    try {
      await blocker.beginTransaction();
      await blocker.query('UPDATE accounts SET balance = 1 WHERE id = 1');
      const blockerDone = releaseBlocker.promise.then(() => blocker.commit());

      let attempts = 0;
      await withTransaction(
        handle.pool,
        async (tx, attempt) => {
          attempts = attempt;
          await tx.query('SET SESSION innodb_lock_wait_timeout = 1');
          // The blocker lets go once the first attempt has given up, before the second
          // asks for the row: its one-second wait must not depend on how fast COMMIT lands.
          if (attempt === 2) {
            releaseBlocker.resolve();
            await blockerDone;
          }
          await tx.query('UPDATE accounts SET balance = balance + 5 WHERE id = 1');
        },
        { baseDelayMs: 5 },
      );
      await blockerDone;
      expect(attempts).toBe(2);
      expect(await balances()).toEqual({ 1: '6', 2: '100' });
    } finally {
      blocker.release();
    }
  });

  it('gives up after the retry budget and rethrows the last failure', async () => {
    let attempts = 0;
    await expect(
      withTransaction(
        handle.pool,
        async (tx) => {
          attempts++;
          await tx.query('UPDATE accounts SET balance = 0 WHERE id = 1');
          await tx.query("SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'Deadlock found'");
        },
        { retries: 2, baseDelayMs: 1 },
      ),
    ).rejects.toMatchObject({ errno: MYSQL_ERRORS.LOCK_DEADLOCK });
    expect(attempts).toBe(3);
    expect(await balances()).toEqual({ 1: '100', 2: '100' });
  });

  it('returns every connection to the pool, whatever happened', async () => {
    const small = createMysqlPool(database.url, { connectionLimit: 1 });
    try {
      for (let i = 0; i < 5; i++) {
        await expect(withTransaction(small.pool, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      }
      expect(await withTransaction(small.pool, async (tx) => (await tx.query<RowDataPacket[]>('SELECT 1 AS one'))[0][0].one)).toBe(1);
    } finally {
      await small.resource.close();
    }
  });

  it('applies the requested isolation level to its transaction only', async () => {
    const readTwice = (isolationLevel?: 'REPEATABLE READ') =>
      withTransaction(
        handle.pool,
        async (tx) => {
          const read = async () => (await tx.query<RowDataPacket[]>('SELECT balance FROM accounts WHERE id = 1'))[0][0].balance;
          const before = await read();
          await handle.pool.query('UPDATE accounts SET balance = balance + 1 WHERE id = 1');
          return [before, await read()];
        },
        { isolationLevel },
      );
    expect(await readTwice('REPEATABLE READ')).toEqual(['100', '100']);
    // The pool's own level (READ COMMITTED) again, with no statement to restore it.
    expect(await readTwice()).toEqual(['101', '102']);
  });
});
