import type { LedgerEntry, LedgerEntryKind, LedgerPage, LedgerRepository } from '@mosaic/account-domain';
import { isId } from '@mosaic/kit-core';
import { safeLimit, toBigInt, type Rows, type Sql } from './sql';

const COLUMNS = 'id, account_id, kind, amount, balance_after, reference, counterparty_account_id, created_at';

/** Reads ledger rows; (account_id, id) is indexed, so a page is one range scan backwards from the cursor. */
export class MysqlLedgerRepository implements LedgerRepository {
  constructor(private readonly sql: Sql) {}

  async page(accountId: string, options: { before?: string; limit: number }): Promise<LedgerPage> {
    if (!isId(accountId)) return { entries: [], nextCursor: null };
    const limit = safeLimit(options.limit);
    const cursor = options.before !== undefined ? ' AND id < ?' : '';
    const params = options.before !== undefined ? [accountId, options.before] : [accountId];
    // One row more than asked tells whether another page exists.
    const [rows] = await this.sql.query<Rows>(
      `SELECT ${COLUMNS} FROM account_ledger_entries WHERE account_id = ?${cursor} ORDER BY id DESC LIMIT ${limit + 1}`,
      params,
    );
    const entries = rows.slice(0, limit).map(entryOf);
    const last = entries[entries.length - 1];
    return { entries, nextCursor: rows.length > limit && last ? last.id : null };
  }

  async sumFor(accountId: string): Promise<bigint> {
    if (!isId(accountId)) return 0n;
    const [rows] = await this.sql.execute<Rows>(`SELECT CAST(COALESCE(SUM(amount), 0) AS CHAR) AS total FROM account_ledger_entries WHERE account_id = ?`, [
      accountId,
    ]);
    return toBigInt(rows[0]?.total ?? '0');
  }

  async byReference(reference: string): Promise<LedgerEntry[]> {
    // References are ids; anything else cannot be in the (ASCII) column.
    if (!/^[\x20-\x7e]{1,64}$/.test(reference)) return [];
    const [rows] = await this.sql.execute<Rows>(`SELECT ${COLUMNS} FROM account_ledger_entries WHERE reference = ? ORDER BY id`, [reference]);
    return rows.map(entryOf);
  }
}

function entryOf(row: Rows[number]): LedgerEntry {
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    kind: row.kind as LedgerEntryKind,
    amount: toBigInt(row.amount),
    balanceAfter: toBigInt(row.balance_after),
    reference: row.reference as string,
    counterpartyAccountId: row.counterparty_account_id === null ? null : String(row.counterparty_account_id),
    createdAt: row.created_at as Date,
  };
}
