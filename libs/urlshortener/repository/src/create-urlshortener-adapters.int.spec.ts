import { connectRedis, type RedisConnection } from '@mosaic/kit-cache';
import { createMysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import { createTestDatabase, createTestRedisNamespace, describeWithBackend, type TestDatabase, type TestRedisNamespace } from '@mosaic/kit-testing';
import type { RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUrlshortenerAdapters } from './create-urlshortener-adapters';
import { aLink } from './test-support/link-mother';

describeWithBackend('mysql', 'createUrlshortenerAdapters on real backends', (mysqlBackend) => {
  describeWithBackend('redis', 'with a shared cache', (redisBackend) => {
    let database: TestDatabase;
    let mysql: MysqlPoolHandle;
    let redis: RedisConnection;
    let scope: TestRedisNamespace;
    beforeAll(async () => {
      database = await createTestDatabase(mysqlBackend.url(), 'urlshortener_adapters');
      mysql = createMysqlPool(database.url);
      redis = await connectRedis(redisBackend.url());
      scope = createTestRedisNamespace(redisBackend.url(), 'urlshortener');
    });
    afterAll(async () => {
      await scope?.drop();
      await redis?.resource.close();
      await mysql?.resource.close();
      await database?.drop();
    });

    it('keeps links and clicks in MySQL and caches in memory and Redis', async () => {
      const adapters = createUrlshortenerAdapters({ mysql: mysql.pool, redis: redis.client, redisNamespace: scope.namespace });
      expect(adapters.description).toBe('links=mysql cache=memory+redis clicks=mysql');
      await adapters.migrate();
      const link = aLink();
      await adapters.links.insert(link);
      await adapters.cache.put(link);
      await adapters.clicks.add(new Map([[link.code.value, 3]]));

      const [rows] = await mysql.pool.query<RowDataPacket[]>('SELECT clicks FROM urlshortener_link_clicks WHERE code = ?', [link.code.value]);
      expect(rows[0]?.clicks).toBe('3');
      expect(await redis.client.exists(`${scope.namespace}:link:${link.code.value}`)).toBe(1);
      expect(adapters.cache.peek(link.code.value)).toBe(link);
    });

    it('counts clicks in Redis when told to', async () => {
      const adapters = createUrlshortenerAdapters({ mysql: mysql.pool, redis: redis.client, redisNamespace: scope.namespace, clickStore: 'redis' });
      const link = aLink();
      await adapters.clicks.add(new Map([[link.code.value, 4]]));
      expect(await redis.client.get(`${scope.namespace}:clicks:${link.code.value}`)).toBe('4');
    });
  });
});
