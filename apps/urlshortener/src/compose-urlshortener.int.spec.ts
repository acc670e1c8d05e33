import { createTestAppContext } from '@mosaic/kit-app';
import type { Resource } from '@mosaic/kit-core';
import { createTestDatabase, createTestRedisNamespace, describeWithBackend, type TestDatabase, type TestRedisNamespace } from '@mosaic/kit-testing';
import { Redis } from 'ioredis';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { composeUrlshortener } from './compose-urlshortener';

describeWithBackend('mysql', 'two urlshortener instances sharing MySQL', (mysql) => {
  describeWithBackend('redis', 'and Redis', (redis) => {
    let database: TestDatabase;
    let scope: TestRedisNamespace;
    let inspector: Redis;
    const opened: Resource[] = [];

    /** One app process, as a load balancer would see it: its own memory, the shared backends. */
    async function instance(env: NodeJS.ProcessEnv = {}) {
      const context = await createTestAppContext({
        MYSQL_URL: database.url,
        REDIS_URL: redis.url(),
        URLSHORTENER_REDIS_NAMESPACE: scope.namespace,
        URLSHORTENER_CREATE_LIMIT: '3',
        ...env,
      });
      const composed = await composeUrlshortener(context);
      opened.push(...composed.http.lifecycle.resources, ...context.backends.resources.reverse());
      return Object.assign(composed.http.app, {
        /** What shutdown does before the backends close: store the buffered clicks. */
        stop: async () => {
          for (const resource of composed.http.lifecycle.resources) await resource.close();
        },
      });
    }

    beforeAll(async () => {
      database = await createTestDatabase(mysql.url(), 'urlshortener_instances');
      scope = createTestRedisNamespace(redis.url(), 'urlshortener');
      inspector = new Redis(redis.url());
    });
    afterAll(async () => {
      for (const resource of opened) await resource.close();
      inspector?.disconnect();
      await scope?.drop();
      await database?.drop();
    });

    it('redirects through either instance and adds up the clicks of both', async () => {
      const [a, b] = [await instance(), await instance()];
      const { body } = await request(a).post('/api/v1/links').send({ url: 'https://example.com/shared' }).expect(201);
      await request(a).get(`/${body.code}`).expect(301);
      const viaB = await request(b).get(`/${body.code}`);
      expect(viaB.status).toBe(301);
      expect(viaB.headers.location).toBe('https://example.com/shared');
      expect(await inspector.exists(`${scope.namespace}:link:${body.code}`)).toBe(1);
      // B counts the click it still buffers plus the one A stored when it stopped.
      await a.stop();
      expect((await request(b).get(`/api/v1/links/${body.code}`)).body.clicks).toBe(2);
    });

    it('remembers an unknown code in Redis, so other instances skip the database too', async () => {
      const app = await instance();
      await request(app).get('/unknownCode1').set('Accept', 'application/json').expect(404);
      await expect.poll(() => inspector.get(`${scope.namespace}:link:unknownCode1`)).toBe('-');
    });

    it('limits creation per client across instances, behind a trusted proxy', async () => {
      // Behind a load balancer: the client is the address it forwards, not the balancer's.
      const [a, b] = [await instance({ TRUST_PROXY: '1' }), await instance({ TRUST_PROXY: '1' })];
      const create = (app: typeof a) => request(app).post('/api/v1/links').set('X-Forwarded-For', '203.0.113.9').send({ url: 'https://example.com/' });
      expect((await create(a)).status).toBe(201);
      expect((await create(b)).status).toBe(201);
      expect((await create(a)).status).toBe(201);
      const limited = await create(b);
      expect(limited.status).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
      expect((await request(a).post('/api/v1/links').set('X-Forwarded-For', '203.0.113.10').send({ url: 'https://example.com/' })).status).toBe(201);
    });
  });
});
