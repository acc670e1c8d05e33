import { createMysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OutboxEvent } from '../lib/outbox-event';
import { MysqlOutboxWriter } from './mysql-outbox-writer';
import { MysqlPendingOutbox } from './mysql-pending-outbox';
import { outboxTableSql } from './outbox-table';

const TABLE = 'test_outbox';

function anEvent(id: string): OutboxEvent {
  return { id, type: 'thing.happened', aggregateType: 'thing', aggregateId: 'a1', occurredAt: new Date(0), recipients: [], data: { n: id } };
}

describeWithBackend('mysql', 'MySQL pending outbox', (backend) => {
  let db: TestDatabase;
  let handle: MysqlPoolHandle;
  const writer = new MysqlOutboxWriter(TABLE);

  beforeAll(async () => {
    db = await createTestDatabase(backend.url(), 'outbox');
    handle = createMysqlPool(db.url, { connectionLimit: 4 });
    await handle.pool.query(outboxTableSql(TABLE, 'ENGINE=InnoDB'));
  });
  afterAll(async () => {
    await handle?.resource.close();
    await db?.drop();
  });

  it('removes the published rows while a transaction holds an uncommitted row among them, and leaves that row pending', async () => {
    const outbox = new MysqlPendingOutbox(handle.pool, TABLE);
    await writer.add(handle.pool, [anEvent('e1'), anEvent('e2')]);
    const inFlight = await handle.pool.getConnection();
    try {
      await inFlight.query('BEGIN');
      await writer.add(inFlight, [anEvent('open')]);
      // Committed after the open row took its seq: the batch straddles it.
      await writer.add(handle.pool, [anEvent('e3'), anEvent('e4')]);

      const published: string[] = [];
      const drained = await outbox.drain(100, async (events) => {
        published.push(...events.map((stored) => stored.event.id));
      });

      expect(drained).toBe(4);
      expect(published).toEqual(['e1', 'e2', 'e3', 'e4']);
      await inFlight.query('COMMIT');
    } finally {
      inFlight.release();
    }
    expect((await outbox.peek(10)).map((stored) => stored.event.id)).toEqual(['open']);
    expect(await outbox.countPending()).toBe(1);
  });

  it('removes nothing but the batch it published, in seq order across drains', async () => {
    const outbox = new MysqlPendingOutbox(handle.pool, TABLE);
    await outbox.drain(100, async () => undefined);
    await writer.add(handle.pool, [anEvent('f1'), anEvent('f2'), anEvent('f3')]);
    const first: string[] = [];
    expect(await outbox.drain(2, async (events) => void first.push(...events.map((stored) => stored.event.id)))).toBe(2);
    expect(first).toEqual(['f1', 'f2']);
    expect((await outbox.peek(10)).map((stored) => stored.event.id)).toEqual(['f3']);
  });
});
