import { createTestAppContext } from '@mosaic/kit-app';
import type { Resource } from '@mosaic/kit-core';
import {
  createTestDatabase,
  createTestRedisNamespace,
  describeWithBackend,
  startTcpProxy,
  uniqueName,
  type TcpProxy,
  type TestDatabase,
  type TestRedisNamespace,
} from '@mosaic/kit-testing';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from './platform';

const PASSWORD = 'correct horse battery staple';

/** The platform on MySQL and Redis, each behind a proxy the test cuts and restores. */
describeWithBackend('mysql', 'the platform through backend outages', (mysql) => {
  describeWithBackend('redis', 'and Redis', (redis) => {
    let database: TestDatabase;
    let scope: TestRedisNamespace;
    let mysqlProxy: TcpProxy;
    let redisProxy: TcpProxy;
    let app: Express;
    const opened: Resource[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(mysql.url(), 'platform_outage');
      scope = createTestRedisNamespace(redis.url(), 'platform-outage');
      mysqlProxy = await startTcpProxy(database.url);
      redisProxy = await startTcpProxy(redis.url());
      const context = await createTestAppContext({
        MYSQL_URL: mysqlProxy.rewrite(database.url),
        REDIS_URL: redisProxy.rewrite(redis.url()),
        URLSHORTENER_REDIS_NAMESPACE: `${scope.namespace}:urlshortener`,
        // Attempt limits of their own: other runs from this address must not spend them.
        AUTH_REDIS_NAMESPACE: `${scope.namespace}:auth`,
      });
      const { http } = await createPlatform(context);
      http.lifecycle.addFirst(...context.backends.resources);
      opened.push(...[...http.lifecycle.resources].reverse());
      app = http.app;
    }, 60_000);
    afterAll(async () => {
      for (const resource of opened) await resource.close().catch(() => undefined);
      await mysqlProxy?.close();
      await redisProxy?.close();
      await scope?.drop();
      await database?.drop();
    });

    const register = (email = `${uniqueName('u')}@example.com`) => request(app).post('/api/v1/auth/register').send({ email, password: PASSWORD });
    const login = (email: string) => request(app).post('/api/v1/auth/login').send({ email, password: PASSWORD });
    const shorten = () =>
      request(app)
        .post('/api/v1/links')
        .send({ url: `https://example.com/${uniqueName('page')}` });
    const readiness = async () => (await request(app).get('/ready')).status;

    /** Stages a Redis outage; through it, sign-up, sign-in, link creation and redirects (new and cached) go on. */
    async function servesThrough(outage: () => Promise<void> | void, during: () => Promise<void> = async () => undefined) {
      const known = (await shorten()).body.code as string;
      await outage();
      try {
        const email = `${uniqueName('redis-out')}@example.com`;
        expect((await register(email)).status).toBe(201);
        expect((await login(email)).status).toBe(200);
        const created = await shorten();
        expect(created.status).toBe(201);
        expect((await request(app).get(`/${created.body.code}`)).status).toBe(301);
        expect((await request(app).get(`/${known}`)).status).toBe(301);
        await during();
      } finally {
        await redisProxy.restore();
      }
      await expect.poll(readiness, { timeout: 15_000 }).toBe(200);
      expect((await shorten()).status).toBe(201);
    }

    describe('while Redis is down', () => {
      it('registers, signs in, creates and follows links; /ready says 503 until Redis is back', async () => {
        await servesThrough(
          () => redisProxy.cut(),
          async () => {
            expect((await request(app).get('/zzzzzzz').set('Accept', 'application/json')).status).toBe(404);
            const ready = await request(app).get('/ready');
            expect(ready.status).toBe(503);
            expect(ready.body.checks.redis).not.toBe('ok');
          },
        );
      });
    });

    describe('while Redis accepts connections but answers nothing', () => {
      it('still registers, signs in, creates and follows links: every Redis command times out into a fallback', async () => {
        await servesThrough(() => redisProxy.stall());
      }, 30_000);
    });

    describe('while MySQL is down', () => {
      it('answers 503 backend_unavailable with Retry-After, never 500, and recovers without a restart', async () => {
        const email = `${uniqueName('mysql-out')}@example.com`;
        expect((await register(email)).status).toBe(201);
        const token = (await login(email)).body.accessToken as string;
        await mysqlProxy.cut();
        try {
          const attempts = [
            await register(),
            await login(email),
            await shorten(),
            await request(app).post('/api/v1/accounts').set('Authorization', `Bearer ${token}`).send({ currency: 'USD' }),
            await request(app).get('/api/v1/accounts').set('Authorization', `Bearer ${token}`),
          ];
          for (const res of attempts) {
            expect({ status: res.status, retryAfter: res.headers['retry-after'], code: res.body.error?.code }).toEqual({
              status: 503,
              retryAfter: '5',
              code: 'backend_unavailable',
            });
          }
          expect(await readiness()).toBe(503);
        } finally {
          await mysqlProxy.restore();
        }
        await expect.poll(readiness, { timeout: 15_000 }).toBe(200);
        expect((await register()).status).toBe(201);
        expect((await shorten()).status).toBe(201);
        expect((await request(app).post('/api/v1/accounts').set('Authorization', `Bearer ${token}`).send({ currency: 'USD' })).status).toBe(201);
      });
    });
  });
});
