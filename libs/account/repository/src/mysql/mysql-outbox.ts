import type { DomainEvent, Outbox } from '@mosaic/account-domain';
import { MysqlOutboxWriter } from '@mosaic/kit-outbox';
import type { Sql } from './sql';

const writer = new MysqlOutboxWriter('account_outbox');

/** Appends events on the transaction's connection, so they commit or roll back with the change. */
export class MysqlOutbox implements Outbox {
  constructor(private readonly sql: Sql) {}

  add(events: readonly DomainEvent[]): Promise<void> {
    return writer.add(this.sql, events);
  }
}
