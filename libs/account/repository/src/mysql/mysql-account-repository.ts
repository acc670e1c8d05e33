import {
  Account,
  ConcurrentModificationError,
  type AccountChanges,
  type AccountRepository,
  type AccountSnapshot,
  type LedgerEntry,
} from '@mosaic/account-domain';
import { compareIds, isId } from '@mosaic/kit-core';
import { rejectingDuplicates } from './duplicates';
import { placeholders, safeLimit, toBigInt, type Rows, type Sql, type Written } from './sql';

const ACCOUNT_COLUMNS = 'id, owner_id, currency, balance, address_province, address_city, address_district, address_line, version, created_at';
/**
 * Accounts with their cards. The cards' primary key is forced: on a small or empty cards
 * table the optimizer otherwise scans it whole through a join buffer, then sorts in a
 * temporary table — costlier, and under FOR UPDATE it would lock every card row it
 * reads, not only these accounts'. Looked up by key, rows arrive in `a.id` order
 * without a sort; each account's cards are ordered afterwards.
 */
const SELECT_WITH_CARDS = `SELECT ${ACCOUNT_COLUMNS.split(', ')
  .map((column) => `a.${column}`)
  .join(', ')},
       c.number AS card_number, c.bank_name AS card_bank_name, c.enabled AS card_enabled, c.added_at AS card_added_at
  FROM account_accounts a LEFT JOIN account_bank_cards c FORCE INDEX (PRIMARY) ON c.account_id = a.id
 WHERE a.id IN (?) ORDER BY a.id`;
const SELECT_WITH_CARDS_LOCKED = `${SELECT_WITH_CARDS} FOR UPDATE`;

/**
 * Accounts in MySQL: the account row, its card rows, and (append-only) its ledger rows.
 * A save writes only what `account.changes()` lists, and guards the account row with
 * `WHERE version = ?` — a stale save matches no row and fails before writing anything
 * else. Every save bumps that row's version, even when only card rows changed, so the
 * whole aggregate is versioned as one. The row and its cards are read in one statement,
 * so they always come from the same moment.
 */
export class MysqlAccountRepository implements AccountRepository {
  /**
   * Account rows this repository's transaction holds locked, at the version it last saw
   * (loaded FOR UPDATE, or since saved): no other writer can move them before commit, so
   * their saves can share one UPDATE with no version check left to fail on any one row.
   */
  private readonly locked = new Map<string, number>();

  /**
   * @param lockOnLoad inside a transaction: `findById` locks the account row (FOR UPDATE)
   *   until commit, so a concurrent writer waits rather than failing its version check.
   * @param ledger where new ledger rows go: inside a unit of work, a buffer written as
   *   one multi-row INSERT before commit; by default, straight to the table.
   */
  constructor(
    private readonly sql: Sql,
    private readonly lockOnLoad = false,
    private readonly ledger: LedgerSink = { append: (entries) => appendLedger(sql, entries) },
  ) {}

  async findById(id: string): Promise<Account | undefined> {
    return (await this.findByIds([id])).get(id);
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, Account>> {
    const wanted = [...new Set(ids)].filter(isId).sort(compareIds);
    const found = new Map<string, Account>();
    if (wanted.length === 0) return found;
    // One round trip for all rows and their cards; with the lock, taken in id order
    // (so two units of work never wait on each other in a cycle), card rows included.
    const [rows] = await this.sql.query<Rows>(this.lockOnLoad ? SELECT_WITH_CARDS_LOCKED : SELECT_WITH_CARDS, [wanted]);
    const byId = new Map<string, Rows>();
    for (const row of rows) {
      const id = String(row.id);
      const group = byId.get(id);
      if (group) group.push(row);
      else byId.set(id, [row]);
    }
    for (const id of wanted) {
      const group = byId.get(id);
      if (!group) continue;
      const cards = group[0].card_number === null ? [] : group.map(cardOf).sort(byAddedThenNumber);
      const account = Account.restore(snapshotOf(group[0], cards));
      if (this.lockOnLoad) this.locked.set(id, account.version);
      found.set(id, account);
    }
    return found;
  }

  async listByOwner(ownerId: string, limit: number): Promise<Account[]> {
    const [rows] = await this.sql.query<Rows>(`SELECT ${ACCOUNT_COLUMNS} FROM account_accounts WHERE owner_id = ? ORDER BY id LIMIT ${safeLimit(limit)}`, [
      ownerId,
    ]);
    if (rows.length === 0) return [];
    const cards = await this.cardsOf(rows.map((row) => String(row.id)));
    return rows.map((row) => Account.restore(snapshotOf(row, cards.get(String(row.id)) ?? [])));
  }

  save(account: Account): Promise<void> {
    return this.saveAll([account]);
  }

  async saveAll(accounts: readonly Account[]): Promise<void> {
    if (new Set(accounts.map((account) => account.id)).size !== accounts.length) {
      // The same row twice in one statement cannot be checked against two versions.
      for (const account of accounts) await this.saveAll([account]);
      return;
    }
    const changed = accounts.map((account) => ({ account, changes: account.changes() })).filter(({ changes }) => !changes.isEmpty);
    for (const { account, changes } of changed) if (changes.isNew) await this.insertAccount(account);
    await this.updateAccounts(changed.filter(({ changes }) => !changes.isNew).map(({ account, changes }) => ({ id: account.id, changes })));
    for (const { account, changes } of changed) await this.writeCards(account.id, changes);
    await this.ledger.append(changed.flatMap(({ changes }) => changes.ledgerEntries));
    for (const { account } of changed) account.markSaved();
  }

  private async insertAccount(account: Account): Promise<void> {
    const snapshot = account.snapshot();
    const address = snapshot.address;
    await rejectingDuplicates('account', snapshot.id, () =>
      this.sql.execute(`INSERT INTO account_accounts (${ACCOUNT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`, [
        snapshot.id,
        snapshot.ownerId,
        snapshot.currency,
        snapshot.balance.toString(),
        address?.province ?? null,
        address?.city ?? null,
        address?.district ?? null,
        address?.line ?? null,
        snapshot.createdAt,
      ]),
    );
  }

  /**
   * The account rows of loaded aggregates. Rows this transaction holds locked at the
   * version the aggregate was loaded at share one UPDATE (their checks cannot fail);
   * any other row gets its own, guarded by its version, so a stale one fails alone and
   * is named exactly.
   */
  private async updateAccounts(rows: readonly AccountRow[]): Promise<void> {
    const held = rows.filter((row) => this.locked.get(row.id) === row.changes.expectedVersion);
    const shared = held.length > 1 ? held : [];
    for (const row of rows) if (!shared.includes(row)) await this.updateRows([row]);
    await this.updateRows(shared);
  }

  private async updateRows(rows: readonly AccountRow[]): Promise<void> {
    if (rows.length === 0) return;
    const update = accountsUpdate(rows);
    // A plain query, like every statement of a transfer: a prepared one costs the driver a
    // statement-cache lookup and binary encoding per call, and a PREPARE round trip on
    // every fresh connection, for nothing this one-shot text needs.
    const [result] = await this.sql.query<Written>(update.sql, update.values);
    // Only a single row can miss here: shared rows are locked at the expected version.
    if (result.affectedRows !== rows.length) throw new ConcurrentModificationError('account', rows[0].id);
    for (const row of rows) if (this.lockOnLoad) this.locked.set(row.id, row.changes.expectedVersion + 1);
  }

  private async writeCards(accountId: string, changes: AccountChanges): Promise<void> {
    if (changes.cardsRemoved.length > 0) {
      await this.sql.query(`DELETE FROM account_bank_cards WHERE account_id = ? AND number IN (?)`, [accountId, changes.cardsRemoved]);
    }
    for (const card of changes.cardsUpdated) {
      await this.sql.execute(`UPDATE account_bank_cards SET bank_name = ?, enabled = ?, added_at = ? WHERE account_id = ? AND number = ?`, [
        card.bankName,
        card.enabled ? 1 : 0,
        card.addedAt,
        accountId,
        card.number,
      ]);
    }
    if (changes.cardsAdded.length > 0) {
      await this.sql.query(
        `INSERT INTO account_bank_cards (account_id, number, bank_name, enabled, added_at) VALUES ${placeholders(changes.cardsAdded.length, 5)}`,
        changes.cardsAdded.flatMap((card) => [accountId, card.number, card.bankName, card.enabled ? 1 : 0, card.addedAt]),
      );
    }
  }

  private async cardsOf(accountIds: string[]): Promise<Map<string, AccountSnapshot['cards'][number][]>> {
    const [rows] = await this.sql.query<Rows>(
      `SELECT account_id, number, bank_name, enabled, added_at FROM account_bank_cards WHERE account_id IN (?) ORDER BY added_at, number`,
      [accountIds],
    );
    const byAccount = new Map<string, AccountSnapshot['cards'][number][]>();
    for (const row of rows) {
      const id = String(row.account_id);
      const list = byAccount.get(id) ?? [];
      list.push(cardOf({ card_number: row.number, card_bank_name: row.bank_name, card_enabled: row.enabled, card_added_at: row.added_at }));
      byAccount.set(id, list);
    }
    return byAccount;
  }
}

/** Cards in the order `listByOwner` reads them: oldest first, then by number. */
function byAddedThenNumber(a: AccountSnapshot['cards'][number], b: AccountSnapshot['cards'][number]): number {
  return a.addedAt.getTime() - b.addedAt.getTime() || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
}

function cardOf(row: Record<string, unknown>): AccountSnapshot['cards'][number] {
  return {
    number: row.card_number as string,
    bankName: row.card_bank_name as string,
    enabled: Number(row.card_enabled) === 1,
    addedAt: row.card_added_at as Date,
  };
}

function snapshotOf(row: Rows[number], cards: AccountSnapshot['cards']): AccountSnapshot {
  const hasAddress = row.address_province !== null;
  return {
    id: String(row.id),
    ownerId: row.owner_id as string,
    currency: row.currency as string,
    balance: toBigInt(row.balance),
    address: hasAddress
      ? {
          province: row.address_province as string,
          city: row.address_city as string,
          district: row.address_district as string,
          line: row.address_line as string,
        }
      : null,
    cards,
    version: Number(row.version),
    createdAt: row.created_at as Date,
  };
}

/** Where a repository's new ledger rows go. */
export interface LedgerSink {
  append(entries: readonly LedgerEntry[]): Promise<void>;
}

/** Ledger rows of one unit of work, held until `flush` writes them in one statement. */
export class BufferedLedger implements LedgerSink {
  private readonly entries: LedgerEntry[] = [];

  async append(entries: readonly LedgerEntry[]): Promise<void> {
    this.entries.push(...entries);
  }

  async flush(sql: Sql): Promise<void> {
    await appendLedger(sql, this.entries.splice(0));
  }
}

async function appendLedger(sql: Sql, entries: readonly LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql.query(
    `INSERT INTO account_ledger_entries (id, account_id, kind, amount, balance_after, reference, counterparty_account_id, created_at) VALUES ${placeholders(entries.length, 8)}`,
    entries.flatMap((entry) => [
      entry.id,
      entry.accountId,
      entry.kind,
      entry.amount.toString(),
      entry.balanceAfter.toString(),
      entry.reference,
      entry.counterpartyAccountId,
      entry.createdAt,
    ]),
  );
}

type SqlValue = string | number | null;
type AccountRow = { readonly id: string; readonly changes: AccountChanges };

const ADDRESS_COLUMNS = [
  ['address_province', 'province'],
  ['address_city', 'city'],
  ['address_district', 'district'],
  ['address_line', 'line'],
] as const;
const updates = new Map<string, string>();

/**
 * `UPDATE account_accounts` for rows of loaded accounts: each changed column takes its
 * row's new value by id (`CASE id WHEN ? THEN ? … ELSE column END`), every row's version
 * goes up by one, and only rows still at their loaded version match. One row is the
 * plain `SET column = ? WHERE id = ? AND version = ?`. Each shape of text is built once.
 */
function accountsUpdate(rows: readonly AccountRow[]): { sql: string; values: SqlValue[] } {
  // Values in SQL order: per column the rows setting it (`id, value` pairs when shared), then the WHERE.
  const values: SqlValue[] = [];
  let balances = 0;
  for (const { id, changes } of rows) {
    if (changes.balance === undefined) continue;
    if (rows.length > 1) values.push(id);
    values.push(changes.balance.toString());
    balances++;
  }
  let addresses = 0;
  for (const [, field] of ADDRESS_COLUMNS) {
    addresses = 0;
    for (const { id, changes } of rows) {
      if (changes.address === undefined) continue;
      if (rows.length > 1) values.push(id);
      values.push(changes.address?.[field] ?? null);
      addresses++;
    }
  }
  // Ids are values too, so the text depends only on how many rows set each column.
  const shape = `${rows.length}:${balances}:${addresses}`;
  let sql = updates.get(shape);
  if (sql === undefined) {
    sql = accountsUpdateText(rows.length, balances, addresses);
    if (updates.size < 256) updates.set(shape, sql);
  }
  if (rows.length === 1) values.push(rows[0].id, rows[0].changes.expectedVersion);
  else {
    for (const { id } of rows) values.push(id);
    for (const { id, changes } of rows) values.push(id, changes.expectedVersion);
  }
  return { sql, values };
}

function accountsUpdateText(rows: number, balances: number, addresses: number): string {
  const assignments = ['version = version + 1'];
  const set = (column: string, setting: number) => {
    if (setting === 0) return;
    if (rows === 1) assignments.push(`${column} = ?`);
    else assignments.push(`${column} = CASE id${' WHEN ? THEN ?'.repeat(setting)}${setting === rows ? '' : ` ELSE ${column}`} END`);
  };
  set('balance', balances);
  for (const [column] of ADDRESS_COLUMNS) set(column, addresses);
  if (rows === 1) return `UPDATE account_accounts SET ${assignments.join(', ')} WHERE id = ? AND version = ?`;
  return `UPDATE account_accounts SET ${assignments.join(', ')} WHERE id IN (${Array.from({ length: rows }, () => '?').join(', ')}) AND version = CASE id${' WHEN ? THEN ?'.repeat(rows)} END`;
}
