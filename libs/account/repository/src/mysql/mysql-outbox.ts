import type { DomainEvent, Outbox } from '@mosaic/account-domain';
import { toPayload } from '../outbox/event-message';
import { placeholders, type Sql } from './sql';

/** Appends events on the transaction's connection, so they commit or roll back with the change. */
export class MysqlOutbox implements Outbox {
  constructor(private readonly sql: Sql) {}

  async add(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.sql.query(
      `INSERT INTO account_outbox (event_id, type, aggregate_id, payload, created_at) VALUES ${placeholders(events.length, 5)}`,
      events.flatMap((event) => [event.id, event.type, event.aggregateId, JSON.stringify(toPayload(event)), event.occurredAt]),
    );
  }
}
