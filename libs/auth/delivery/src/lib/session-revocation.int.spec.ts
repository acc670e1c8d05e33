import { createRedisSessionRevocations, generateSigningKeys } from '@mosaic/auth-repository';
import { connectRedis, type RedisConnection } from '@mosaic/kit-cache';
import { ManualClock } from '@mosaic/kit-core';
import { createTestRedisNamespace, describeWithBackend, type TestRedisNamespace } from '@mosaic/kit-testing';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACCESS_TTL_SECONDS, aRegistration, authTestApp } from '../test-support/auth-test-app';

describeWithBackend('redis', 'session revocation across two instances sharing Redis', (backend) => {
  const connections: RedisConnection[] = [];
  let namespace: TestRedisNamespace;

  beforeAll(async () => {
    namespace = createTestRedisNamespace(backend.url(), 'auth_revocations');
    connections.push(await connectRedis(backend.url()), await connectRedis(backend.url()));
  });

  afterAll(async () => {
    await namespace?.drop();
    for (const connection of connections) await connection.resource.close();
  });

  it('refuses a logged-out session’s access token on the other instance within its one-second memo', async () => {
    const clock = new ManualClock();
    const keys = await generateSigningKeys();
    const revocationsOn = (connection: RedisConnection) =>
      createRedisSessionRevocations(connection.client, { namespace: namespace.namespace, ttlSeconds: ACCESS_TTL_SECONDS + 60, clock });
    const first = await authTestApp({ keys, revocations: revocationsOn(connections[0]) });
    const second = await authTestApp({ keys, repositories: first.repositories, revocations: revocationsOn(connections[1]) });

    const registration = aRegistration();
    await request(first.app).post('/api/v1/auth/register').send(registration);
    const [seen, unseen] = await Promise.all([0, 1].map(() => request(first.app).post('/api/v1/auth/login').send(registration)));
    // The second instance checks (and remembers) one session, then both are logged out on the first.
    expect((await request(second.app).get('/api/v1/notes/mine').set('Authorization', `Bearer ${seen.body.accessToken}`)).status).toBe(200);
    for (const login of [seen, unseen])
      expect((await request(first.app).post('/api/v1/auth/logout').send({ refreshToken: login.body.refreshToken })).status).toBe(204);

    const unseenThere = await request(second.app).get('/api/v1/notes/mine').set('Authorization', `Bearer ${unseen.body.accessToken}`);
    expect(unseenThere.body.error.code).toBe('token_revoked');
    clock.advance(1000);
    const seenThere = await request(second.app).get('/api/v1/notes/mine').set('Authorization', `Bearer ${seen.body.accessToken}`);
    expect(seenThere.status).toBe(401);
    expect(seenThere.body.error.code).toBe('token_revoked');
  });
});
