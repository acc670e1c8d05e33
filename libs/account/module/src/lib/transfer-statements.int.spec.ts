import { createAccountAdapters } from '@mosaic/account-repository';
import { createAccountUseCases } from '@mosaic/account-usecase';
import { createMysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import { ManualClock, SnowflakeIds } from '@mosaic/kit-core';
import { countingPool, createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

describeWithBackend('mysql', 'account statements per operation', (backend) => {
  let db: TestDatabase;
  let handle: MysqlPoolHandle;
  let counted: ReturnType<typeof countingPool>;
  let useCases: ReturnType<typeof createAccountUseCases>;
  const owner = { userId: '1001', roles: [] };
  const accounts: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(backend.url(), 'account_statements');
    handle = createMysqlPool(db.url);
    counted = countingPool(handle.pool);
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
