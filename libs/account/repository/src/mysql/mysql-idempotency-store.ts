import { IdempotencyKeyTakenError, type IdempotencyRecord, type IdempotencyStore } from '@mosaic/account-domain';
import { isDuplicateEntryError } from '@mosaic/kit-db';
import type { Rows, Sql } from './sql';

/**
 * Idempotency keys as rows keyed (user_id, idem_key). The claim is a plain INSERT in
 * the operation's transaction: InnoDB makes a second INSERT of the same key wait for
 * the first transaction, then fail with a duplicate (it committed) or succeed (it
 * rolled back) — exactly the wait-or-replay the use case needs, with no polling.
 */
export class MysqlIdempotencyStore implements IdempotencyStore {
  constructor(private readonly sql: Sql) {}

  async find(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const [rows] = await this.sql.execute<Rows>(
      'SELECT user_id, idem_key, fingerprint, response, created_at FROM account_idempotency_keys WHERE user_id = ? AND idem_key = ?',
      [userId, key],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      userId: row.user_id as string,
      key: row.idem_key as string,
      fingerprint: row.fingerprint as string,
      response: row.response as string,
      createdAt: row.created_at as Date,
    };
  }

  async claim(record: { userId: string; key: string; fingerprint: string; createdAt: Date; response: string }): Promise<void> {
    try {
      // A plain query (no prepared statement): see MysqlAccountRepository's updates.
      await this.sql.query('INSERT INTO account_idempotency_keys (user_id, idem_key, fingerprint, response, created_at) VALUES (?, ?, ?, ?, ?)', [
        record.userId,
        record.key,
        record.fingerprint,
        record.response,
        record.createdAt,
      ]);
    } catch (error) {
      if (isDuplicateEntryError(error)) throw new IdempotencyKeyTakenError(record.userId, record.key);
      throw error;
    }
  }
}
