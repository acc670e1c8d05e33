import { createTestDatabase, createTestRedisNamespace, describeWithBackend } from '@mosaic/kit-testing';
import { it } from 'vitest';
import { contestScenario } from './contest-scenario';

describeWithBackend('mysql', 'the flash-sale contest on MySQL', (mysql) => {
  describeWithBackend('redis', 'and Redis', (redis) => {
    it('sells every item exactly once, nobody over the limit, nothing stranded', async () => {
      const db = await createTestDatabase(mysql.url(), 'flashsale_contest');
      const space = createTestRedisNamespace(redis.url(), 'flashsale-contest');
      try {
        await contestScenario({ MYSQL_URL: db.url, REDIS_URL: redis.url() }, { total: 200, users: 80, concurrency: 24 }, space.namespace);
      } finally {
        await space.drop();
        await db.drop();
      }
    }, 400_000);
  });
});
