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
  private readonly inserts = new Map<number, string>();

  constructor(table: string) {
    this.table = assertTableName(table);
  }

  async add(sql: OutboxSql, events: readonly OutboxEvent[]): Promise<void> {
    if (events.length === 0) return;
    const values: unknown[] = [];
    for (const event of events) values.push(event.id, event.type, event.aggregateId, JSON.stringify(toPayload(event)), event.occurredAt);
    await sql.query(this.insertOf(events.length), values);
  }

  /** The INSERT for `rows` events; built once per count (a unit of work records a few events at most). */
  private insertOf(rows: number): string {
    let text = this.inserts.get(rows);
    if (text === undefined) {
      text = `INSERT INTO ${this.table} (event_id, type, aggregate_id, payload, created_at) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?)').join(', ')}`;
      if (this.inserts.size < 64) this.inserts.set(rows, text);
    }
    return text;
  }
}
