import type { ProcessedEvents } from '@mosaic/account-domain';
import type { Rows, Sql } from './sql';

export class MysqlProcessedEvents implements ProcessedEvents {
  constructor(private readonly sql: Sql) {}

  async has(consumer: string, eventId: string): Promise<boolean> {
    const [rows] = await this.sql.execute<Rows>('SELECT 1 FROM account_processed_events WHERE consumer = ? AND event_id = ?', [consumer, eventId]);
    return rows.length > 0;
  }

  async mark(consumer: string, eventId: string, at: Date): Promise<void> {
    await this.sql.execute('INSERT IGNORE INTO account_processed_events (consumer, event_id, processed_at) VALUES (?, ?, ?)', [consumer, eventId, at]);
  }
}
