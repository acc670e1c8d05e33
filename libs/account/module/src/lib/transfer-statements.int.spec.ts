import { createAccountAdapters } from '@mosaic/account-repository';
import { createAccountUseCases } from '@mosaic/account-usecase';
import { createMysqlPool, type MysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import { ManualClock, SnowflakeIds } from '@mosaic/kit-core';
import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

const COUNTED = new Set(['query', 'execute', 'beginTransaction', 'commit', 'rollback']);

/** The pool, counting every statement sent through it or a connection it hands out (BEGIN and COMMIT included). */
function counting(pool: MysqlPool): { pool: MysqlPool; statements: string[] } {
  const statements: string[] = [];
  const count = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property) {
        const value: unknown = Reflect.get(object, property, object);
        if (typeof value !== 'function') return value;
        if (property === 'getConnection') return async () => count(await (value as () => Promise<object>).call(object));
        if (typeof property !== 'string' || !COUNTED.has(property)) return value.bind(object);
        return (...args: unknown[]) => {
          statements.push(property === 'query' || property === 'execute' ? String(args[0]).trim().split(/\s+/).slice(0, 3).join(' ') : property.toUpperCase());
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  return { pool: count(pool), statements };
}

describeWithBackend('mysql', 'account statements per operation', (backend) => {
  let db: TestDatabase;
  let handle: MysqlPoolHandle;
  let counted: ReturnType<typeof counting>;
  let useCases: ReturnType<typeof createAccountUseCases>;
  const owner = { userId: '1001', roles: [] };
  const accounts: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(backend.url(), 'account_statements');
    handle = createMysqlPool(db.url);
    counted = counting(handle.pool);
    const adapters = createAccountAdapters({ mysql: counted.pool });
    await adapters.migrate?.();
    const clock = new ManualClock();
    useCases = createAccountUseCases({ ...adapters, clock, ids: new SnowflakeIds(1, clock) });
    for (let i = 0; i < 2; i++) {
      const account = await useCases.openAccount.execute({ actor: owner, currency: 'USD' });
      accounts.push(account.id);
    }
    await useCases.deposit.execute({
      actor: { userId: '1', roles: ['admin'] },
      accountId: accounts[0],
      amount: '100.00',
      idempotencyKey: 'seed',
      testMode: true,
    });
  });
  afterAll(async () => {
    await handle?.resource.close();
    await db?.drop();
  });

  it('moves money in seven statements, BEGIN and COMMIT included, with no read before the transaction: both balances in one UPDATE', async () => {
    counted.statements.length = 0;
    const transfer = () =>
      useCases.transfer.execute({ actor: owner, fromAccountId: accounts[0], toAccountId: accounts[1], amount: '1.00', idempotencyKey: 'once' });
    const first = await transfer();
    expect(first.replayed).toBe(false);
    expect(counted.statements).toEqual([
      'BEGINTRANSACTION',
      'SELECT a.id, a.owner_id,',
      'UPDATE account_accounts SET',
      'INSERT INTO account_outbox',
      'INSERT INTO account_idempotency_keys',
      'INSERT INTO account_ledger_entries',
      'COMMIT',
    ]);
    // A retry is answered from the stored result, and moves nothing.
    expect(await transfer()).toEqual({ result: first.result, replayed: true });
    expect((await useCases.getAccount.execute({ actor: owner, accountId: accounts[1] })).balance).toBe(100n);
  });
});
