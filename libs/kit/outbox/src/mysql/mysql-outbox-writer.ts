import type { PoolConnection } from 'mysql2/promise';
import { toPayload } from '../lib/event-message';
import type { OutboxEvent } from '../lib/outbox-event';
import { assertTableName } from './outbox-table';

/** A pool or a transaction's connection. */
export type OutboxSql = Pick<PoolConnection, 'query'>;

/**
 * Appends events on the connection it is given — a transaction's, so they commit or
 * roll back with the change that produced them.
 */
export class MysqlOutboxWriter {
  private readonly table: string;

  constructor(table: string) {
    this.table = assertTableName(table);
  }

  async add(sql: OutboxSql, events: readonly OutboxEvent[]): Promise<void> {
    if (events.length === 0) return;
    const row = '(?, ?, ?, ?, ?)';
    await sql.query(
      `INSERT INTO ${this.table} (event_id, type, aggregate_id, payload, created_at) VALUES ${events.map(() => row).join(', ')}`,
      events.flatMap((event) => [event.id, event.type, event.aggregateId, JSON.stringify(toPayload(event)), event.occurredAt]),
    );
  }
}
