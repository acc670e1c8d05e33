import { createAuthRepositories } from '@mosaic/auth-repository';
import { createMysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerLoginRefreshLogoutJourney } from '../test-support/auth-http-journey';
import { aRegistration, authTestApp } from '../test-support/auth-test-app';

describeWithBackend('mysql', 'auth routes over HTTP on MySQL', (backend) => {
  let database: TestDatabase;
  let mysql: MysqlPoolHandle;

  beforeAll(async () => {
    database = await createTestDatabase(backend.url(), 'auth_http');
    mysql = createMysqlPool(database.url);
    await createAuthRepositories({ mysql: mysql.pool }).migrate();
  });

  afterAll(async () => {
    await mysql?.resource.close();
    await database?.drop();
  });

  it('register → login → me → refresh → logout', async () => {
    const { app } = await authTestApp({ repositories: createAuthRepositories({ mysql: mysql.pool }) });
    await registerLoginRefreshLogoutJourney(app);
  });

  it('lets exactly one of two concurrent refreshes win, and revokes the session', async () => {
    const { app } = await authTestApp({ repositories: createAuthRepositories({ mysql: mysql.pool }) });
    const registration = aRegistration();
    await request(app).post('/api/v1/auth/register').send(registration);
    const login = await request(app).post('/api/v1/auth/login').send({ email: registration.email, password: registration.password });
    const results = await Promise.all(
      Array.from({ length: 4 }, () => request(app).post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken })),
    );
    expect(results.map((res) => res.status).sort()).toEqual([200, 401, 401, 401]);
    const winner = results.find((res) => res.status === 200)!;
    const next = await request(app).post('/api/v1/auth/refresh').send({ refreshToken: winner.body.refreshToken });
    expect(next.body.error.code).toBe('refresh_token_revoked');
  });

  it('answers 409 for a duplicate email decided by the unique index', async () => {
    const { app } = await authTestApp({ repositories: createAuthRepositories({ mysql: mysql.pool }) });
    const registration = aRegistration();
    const results = await Promise.all(Array.from({ length: 3 }, () => request(app).post('/api/v1/auth/register').send(registration)));
    expect(results.map((res) => res.status).sort()).toEqual([201, 409, 409]);
  });
});
