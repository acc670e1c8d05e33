import { createMysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';
import { accountRepositoryContract } from '../test-support/contracts/account-repository.contract';
import { allAccountContracts } from '../test-support/contracts/all-contracts';
import { idempotencyStoreContract } from '../test-support/contracts/idempotency-store.contract';
import { unitOfWorkContract } from '../test-support/contracts/unit-of-work.contract';
import { useBackend, type ContractBackend } from '../test-support/contracts/contract-backend';
import { createAccountAdapters } from '../create-account-adapters';
import { aCard, aNewAccount, anAddress, aPosting, aStamp } from '../test-support/aggregates';
import { MysqlAccountRepository } from './mysql-account-repository';
import type { MysqlConcurrency } from './mysql-unit-of-work';
import type { Sql } from './sql';

describeWithBackend('mysql', 'account adapters', (backend) => {
  const open: { db: TestDatabase; handle: MysqlPoolHandle }[] = [];
  const mysqlWith = (concurrency: MysqlConcurrency): ContractBackend => ({
    name: `mysql (${concurrency})`,
    async setUp() {
      const db = await createTestDatabase(backend.url(), 'account');
      const handle = createMysqlPool(db.url, { connectionLimit: 20 });
      open.push({ db, handle });
      const adapters = createAccountAdapters({ mysql: handle.pool, mysqlConcurrency: concurrency });
      await adapters.migrate?.();
      return adapters;
    },
    async tearDown() {
      const suite = open.pop();
      await suite?.handle.resource.close();
      await suite?.db.drop();
    },
  });
  const mysql = mysqlWith('lock-on-load');

  allAccountContracts(mysql);
  // The other way of meeting concurrent writers must keep the same promises.
  accountRepositoryContract(mysqlWith('optimistic'));
  unitOfWorkContract(mysqlWith('optimistic'));
  idempotencyStoreContract(mysqlWith('optimistic'));

  describe('MySQL specifics', () => {
    const adapters = useBackend(mysql);

    /** Runs repository calls on a connection that records each statement it is given. */
    function recording(): { sql: Sql; statements: string[] } {
      const pool = open[open.length - 1]!.handle.pool;
      const statements: string[] = [];
      const sql = {
        query: (statement: string, values?: unknown) => {
          statements.push(statement);
          return pool.query(statement, values as never);
        },
        execute: (statement: string, values?: unknown) => {
          statements.push(statement);
          return pool.execute(statement, values as never);
        },
      } as unknown as Sql;
      return { sql, statements };
    }

    it('writes only the changed columns of an address change: no balance, cards or ledger', async () => {
      const account = aNewAccount({ balance: 100n, cards: ['6222020000000001'] });
      await adapters().accounts.save(account);
      const loaded = (await adapters().accounts.findById(account.id))!;
      loaded.changeAddress(anAddress(), aStamp());
      const { sql, statements } = recording();
      await new MysqlAccountRepository(sql).save(loaded);
      expect(statements).toEqual([
        'UPDATE account_accounts SET version = version + 1, address_province = ?, address_city = ?, address_district = ?, address_line = ? WHERE id = ? AND version = ?',
      ]);
    });

    it('writes only the card row that changed, and versions the account row', async () => {
      const account = aNewAccount({ cards: ['6222020000000001', '6222020000000002'] });
      await adapters().accounts.save(account);
      const loaded = (await adapters().accounts.findById(account.id))!;
      loaded.disableBankCard('6222020000000002', aStamp());
      const { sql, statements } = recording();
      await new MysqlAccountRepository(sql).save(loaded);
      expect(statements).toEqual([
        'UPDATE account_accounts SET version = version + 1 WHERE id = ? AND version = ?',
        'UPDATE account_bank_cards SET bank_name = ?, enabled = ?, added_at = ? WHERE account_id = ? AND number = ?',
      ]);
    });

    it('writes a balance change as the balance column plus appended ledger rows', async () => {
      const account = aNewAccount();
      await adapters().accounts.save(account);
      const loaded = (await adapters().accounts.findById(account.id))!;
      loaded.credit(5n, aPosting('deposit'));
      loaded.addBankCard(aCard('6222020000000003'), aStamp());
      const { sql, statements } = recording();
      await new MysqlAccountRepository(sql).save(loaded);
      expect(statements.map((statement) => statement.split(' (')[0])).toEqual([
        'UPDATE account_accounts SET version = version + 1, balance = ? WHERE id = ? AND version = ?',
        'INSERT INTO account_bank_cards',
        'INSERT INTO account_ledger_entries',
      ]);
    });

    it('applies its migrations once: running them again changes nothing', async () => {
      await adapters().migrate?.();
      const account = aNewAccount({ balance: 1n });
      await adapters().accounts.save(account);
      await adapters().migrate?.();
      expect((await adapters().accounts.findById(account.id))?.balance).toBe(1n);
    });

    it('keeps the database itself from holding a negative balance', async () => {
      const account = aNewAccount();
      await adapters().accounts.save(account);
      const pool = open[open.length - 1]!.handle.pool;
      await expect(pool.query('UPDATE account_accounts SET balance = -1 WHERE id = ?', [account.id])).rejects.toThrow(/CONSTRAINT|check/i);
    });
  });
});
