import { LOCK_NOT_ACQUIRED, withNamedLock } from '@mosaic/kit-db';
import type { Pool } from 'mysql2/promise';
import { fromPayload, type EventPayload } from '../outbox/event-message';
import type { PendingOutbox, StoredEvent } from '../outbox/pending-outbox';
import { safeLimit, type Rows } from './sql';

/**
 * The relay's side of the MySQL outbox. Relays in every process share the table, so
 * each drain first takes a server lock (GET_LOCK, per database) without waiting: one
 * relay publishes at a time, in seq order, and the others find the lock taken and
 * try again at their next poll. The lock belongs to the session, so a relay that dies
 * mid-batch frees it, and its batch — never deleted — is published again.
 */
export class MysqlPendingOutbox implements PendingOutbox {
  constructor(private readonly pool: Pool) {}

  async drain(limit: number, publish: (events: readonly StoredEvent[]) => Promise<void>): Promise<number> {
    const drained = await withNamedLock(this.pool, 'account_outbox', 0, async (connection) => {
      const [rows] = await connection.query<Rows>(`SELECT seq, payload FROM account_outbox ORDER BY seq LIMIT ${safeLimit(limit)}`);
      if (rows.length === 0) return 0;
      const batch = rows.map(storedEventOf);
      await publish(batch);
      await connection.query('DELETE FROM account_outbox WHERE seq IN (?)', [batch.map((stored) => stored.seq)]);
      return batch.length;
    });
    return drained === LOCK_NOT_ACQUIRED ? 0 : drained;
  }

  async peek(limit: number): Promise<StoredEvent[]> {
    const [rows] = await this.pool.query<Rows>(`SELECT seq, payload FROM account_outbox ORDER BY seq LIMIT ${safeLimit(limit)}`);
    return rows.map(storedEventOf);
  }

  async countPending(): Promise<number> {
    const [rows] = await this.pool.query<Rows>('SELECT COUNT(*) AS pending FROM account_outbox');
    return Number(rows[0]?.pending ?? 0);
  }
}

function storedEventOf(row: Rows[number]): StoredEvent {
  return { seq: String(row.seq), event: fromPayload(JSON.parse(row.payload as string) as EventPayload) };
}
