import { resolve } from 'node:path';
import { startAppProcess, createTestDatabase, createTestRedisNamespace, describeWithBackend, type AppProcess } from '@mosaic/kit-testing';
import mysql from 'mysql2/promise';
import { expect, it } from 'vitest';
import { runContest } from '@mosaic/flashsale-delivery/testing';

const MAIN = resolve(import.meta.dirname, '../main.ts');
const TOTAL = 500;
const LIMIT = 10;
const SALE = '2026120110';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describeWithBackend('mysql', 'a flash-sale process killed mid-sale', (mysqlBackend) => {
  describeWithBackend('redis', 'with Redis', (redisBackend) => {
    it('restarts and sells every item exactly once: none oversold, none over the limit, none stranded', async () => {
      const db = await createTestDatabase(mysqlBackend.url(), 'flashsale_crash');
      const space = createTestRedisNamespace(redisBackend.url(), 'flashsale-crash');
      const env = {
        MYSQL_URL: db.url,
        REDIS_URL: redisBackend.url(),
        FLASHSALE_REDIS_NAMESPACE: space.namespace,
        FLASHSALE_ITEMS: String(TOTAL),
        FLASHSALE_RECONCILE_MS: '300',
        FLASHSALE_TIME_ORIGIN: '2026-12-01T10:10:00.000Z',
      };
      let current: AppProcess = await startAppProcess(MAIN, env);
      const sql = await mysql.createConnection(db.url);
      try {
        let killed = false;
        const contest = runContest({
          baseUrl: () => current.url,
          saleId: SALE,
          total: TOTAL,
          users: 160,
          concurrency: 40,
          greedyEvery: 7,
          limit: LIMIT,
          deadlineMs: 300_000,
        });
        // Kill it without warning once a third is sold: whatever was in flight is cut off.
        await eventually('a third of the sale to be sold', async () => {
          const [rows] = await sql.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS sold FROM flashsale_items WHERE sold_to IS NOT NULL');
          return Number(rows[0]?.sold) >= TOTAL / 3;
        });
        current.child.kill('SIGKILL');
        killed = true;
        current = await startAppProcess(MAIN, env);
        const report = await contest;
        expect(killed).toBe(true);

        const [[sold]] = (await sql.query('SELECT COUNT(*) AS n FROM flashsale_items WHERE sold_to IS NOT NULL')) as unknown as [[{ n: string }]];
        const [perUser] = await sql.query<mysql.RowDataPacket[]>(
          'SELECT sold_to, COUNT(*) AS n FROM flashsale_items WHERE sold_to IS NOT NULL GROUP BY sold_to ORDER BY n DESC',
        );
        const [orders] = await sql.query<mysql.RowDataPacket[]>("SELECT user_id, items FROM flashsale_order_summary WHERE status <> 'cancelled'");
        const ordered = orders.flatMap((row) => (JSON.parse(row.items as string) as string[]).map((id) => `${row.user_id}:${id}`)).sort();
        const [held] = await sql.query<mysql.RowDataPacket[]>('SELECT sold_to, id FROM flashsale_items WHERE sold_to IS NOT NULL');
        const told = [...report.bought].flatMap(([user, items]) => items.map((id) => `${user}:${id}`)).sort();

        const stats = { seconds: Math.round(report.durationMs / 1000), requests: report.requests, failures: Object.fromEntries(report.failures) };
        expect([Number(sold.n), stats]).toEqual([TOTAL, stats]);
        expect(report.oversold).toBe(0);
        expect(report.perUserExcess).toBe(0);
        expect(Number(perUser[0]?.n)).toBeLessThanOrEqual(LIMIT);
        // Every sold item is in exactly one order of its buyer, and each buyer was told so.
        expect(ordered).toEqual(held.map((row) => `${row.sold_to}:${row.id}`).sort());
        expect(told).toEqual(ordered);
        // After reconciliation the gate agrees with MySQL: nothing stranded, nothing offered twice.
        await eventually('the gate to be reconciled', async () => {
          const response = await fetch(`${current.url}/sales/${SALE}`);
          return ((await response.json()) as { sold: number }).sold === TOTAL;
        });
      } finally {
        await sql.end();
        if (current.child.exitCode === null) await current.stop();
        await space.drop();
        await db.drop();
      }
    }, 420_000);
  });
});
