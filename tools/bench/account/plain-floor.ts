import { isRetryableTransactionError } from '@mosaic/kit-db';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import type { WorkloadOptions, WorkloadResult } from './transfer-workload';
import { measureCallers } from './measure-callers';

const OPENING = 100_000_000n;
let nextId = 9_000_000_000_000n;

/**
 * The floor: the same logical writes as a Transfer — both balances, the outbox event,
 * the idempotency key with its response, two ledger rows — by hand-written SQL on
 * plain mysql2 in the fewest round trips that still check the balance under a lock:
 * BEGIN, one locking SELECT of both accounts, one UPDATE of both, three INSERTs, COMMIT.
 * No domain objects, no version checks, no relay.
 */
export async function runFloorTransfers(pool: Pool, options: WorkloadOptions, counters: Record<string, () => number> = {}): Promise<WorkloadResult> {
  const ids: string[] = [];
  for (let i = 0; i < options.accounts; i++) {
    const id = String(nextId++);
    await pool.query('INSERT INTO account_accounts (id, owner_id, currency, balance, version, created_at) VALUES (?, ?, ?, ?, 1, NOW(3))', [
      id,
      `floor-${i}`,
      'USD',
      OPENING.toString(),
    ]);
    ids.push(id);
  }
  const total = async () => {
    const [[row]] = await pool.query<RowDataPacket[]>('SELECT CAST(SUM(balance) AS CHAR) AS total FROM account_accounts WHERE id IN (?)', [ids]);
    return BigInt(row?.total ?? 0);
  };
  const before = await total();
  let key = 0;
  let deadlocks = 0;
  const transfer = async () => {
    const fromIndex = Math.floor(Math.random() * ids.length);
    let toIndex = Math.floor(Math.random() * (ids.length - 1));
    if (toIndex >= fromIndex) toIndex++;
    const [from, to] = [ids[fromIndex] as string, ids[toIndex] as string];
    const idemKey = `floor-${++key}`;
    for (let attempt = 0; ; attempt++) {
      const connection = await pool.getConnection();
      try {
        await once(connection, from, to, idemKey);
        return;
      } catch (error) {
        await connection.rollback();
        if (attempt >= 5 || !isRetryableTransactionError(error)) throw error;
        deadlocks++;
      } finally {
        connection.release();
      }
    }
  };
  const { perCompletion, ...measured } = await measureCallers(transfer, options, { deadlocks: () => deadlocks, ...counters });
  return { ...measured, retryRate: 0, deadlockRate: perCompletion.deadlocks ?? 0, perCompletion, conserved: (await total()) === before };
}

async function once(connection: PoolConnection, from: string, to: string, idemKey: string): Promise<void> {
  const amount = 1n;
  const now = new Date();
  await connection.beginTransaction();
  const [rows] = await connection.query<RowDataPacket[]>('SELECT id, balance FROM account_accounts WHERE id IN (?, ?) ORDER BY id FOR UPDATE', [from, to]);
  const balanceOf = (id: string) => BigInt(rows.find((row) => String(row.id) === id)?.balance ?? 0);
  const [fromAfter, toAfter] = [balanceOf(from) - amount, balanceOf(to) + amount];
  if (fromAfter < 0n) throw new Error('insufficient funds');
  await connection.query('UPDATE account_accounts SET balance = CASE id WHEN ? THEN ? ELSE ? END, version = version + 1 WHERE id IN (?, ?)', [
    from,
    fromAfter.toString(),
    toAfter.toString(),
    from,
    to,
  ]);
  const transferId = String(nextId++);
  await connection.query('INSERT INTO account_outbox (event_id, type, aggregate_id, payload, created_at) VALUES (?, ?, ?, ?, ?)', [
    String(nextId++),
    'account.transferred',
    from,
    JSON.stringify({ transferId, fromAccountId: from, toAccountId: to, amount: '0.01', currency: 'USD', occurredAt: now.toISOString() }),
    now,
  ]);
  await connection.query('INSERT INTO account_idempotency_keys (user_id, idem_key, fingerprint, response, created_at) VALUES (?, ?, ?, ?, ?)', [
    'floor',
    idemKey,
    'f'.repeat(64),
    JSON.stringify({ transferId, fromAccountId: from, toAccountId: to, amount: '1', currency: 'USD', createdAt: now.toISOString() }),
    now,
  ]);
  await connection.query(
    'INSERT INTO account_ledger_entries (id, account_id, kind, amount, balance_after, reference, counterparty_account_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?)',
    [
      String(nextId++),
      from,
      'transfer_out',
      (-amount).toString(),
      fromAfter.toString(),
      transferId,
      to,
      now,
      String(nextId++),
      to,
      'transfer_in',
      amount.toString(),
      toAfter.toString(),
      transferId,
      from,
      now,
    ],
  );
  await connection.commit();
}
