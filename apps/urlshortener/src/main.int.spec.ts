import { resolve } from 'node:path';
import { createMysqlPool } from '@mosaic/kit-db';
import { createTestDatabase, describeWithBackend, startAppProcess, type TestDatabase } from '@mosaic/kit-testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';

const main = resolve(import.meta.dirname, 'main.ts');

describeWithBackend('mysql', 'the urlshortener process on MySQL', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend.url(), 'urlshortener_app');
  });
  afterAll(async () => database?.drop());

  it('stores every buffered click when stopped with SIGTERM, and keeps links across restarts', async () => {
    // Clicks would otherwise be flushed only once an hour: all of them wait for shutdown.
    const env = { MYSQL_URL: database.url, URLSHORTENER_CLICK_FLUSH_MS: '3600000' };
    const first = await startAppProcess(main, env);
    const created = await fetch(`${first.url}/api/v1/links`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/durable' }),
    });
    const { code } = (await created.json()) as { code: string };
    for (let i = 0; i < 25; i++) {
      const res = await fetch(`${first.url}/${code}`, { redirect: 'manual' });
      expect(res.status).toBe(301);
    }
    expect(await first.stop()).toBe(0);

    const pool = createMysqlPool(database.url);
    try {
      const [rows] = await pool.pool.query<RowDataPacket[]>('SELECT clicks FROM urlshortener_link_clicks WHERE code = ?', [code]);
      expect(rows[0]?.clicks).toBe('25');
    } finally {
      await pool.resource.close();
    }

    const second = await startAppProcess(main, env);
    try {
      const res = await fetch(`${second.url}/${code}`, { redirect: 'manual' });
      expect(res.headers.get('location')).toBe('https://example.com/durable');
      expect(((await (await fetch(`${second.url}/api/v1/links/${code}`)).json()) as { clicks: number }).clicks).toBe(26);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
