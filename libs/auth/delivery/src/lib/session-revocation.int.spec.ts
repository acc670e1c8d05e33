import { createRedisSessionRevocations, generateSigningKeys } from '@mosaic/auth-repository';
import { connectRedis, type RedisConnection } from '@mosaic/kit-cache';
import { ManualClock } from '@mosaic/kit-core';
import { createTestRedisNamespace, describeWithBackend, type TestRedisNamespace } from '@mosaic/kit-testing';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ACCESS_TTL_SECONDS, aRegistration, authTestApp } from '../test-support/auth-test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

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

  /** Two instances with the same keys and users, each on its own Redis connection; one clock drives both revocation memos. */
  async function twoInstances() {
    const clock = new ManualClock();
    const keys = await generateSigningKeys();
    const revocationsOn = (connection: RedisConnection) =>
      createRedisSessionRevocations(connection.client, { namespace: namespace.namespace, ttlSeconds: ACCESS_TTL_SECONDS + 60, clock });
    const first = await authTestApp({ keys, revocations: revocationsOn(connections[0]) });
    const second = await authTestApp({ keys, repositories: first.repositories, revocations: revocationsOn(connections[1]) });
    const registration = aRegistration();
    await request(first.app).post('/api/v1/auth/register').send(registration);
    const login = async () => (await request(first.app).post('/api/v1/auth/login').send(registration)).body as { accessToken: string; refreshToken: string };
    return { clock, first: first.app, second: second.app, registration, login };
  }

  /** Refused on the other instance once its one-second memo of an open session has run out. */
  async function refusedThereWithinASecond(second: Parameters<typeof request>[0], clock: ManualClock, accessToken: string) {
    clock.advance(1000);
    const there = await request(second).get('/api/v1/notes/mine').set(bearer(accessToken));
    expect(there.status).toBe(401);
    expect(there.body.error.code).toBe('token_revoked');
  }

  it('refuses a logged-out session’s access token on the other instance within its one-second memo', async () => {
    const { clock, first, second, login } = await twoInstances();
    const [seen, unseen] = await Promise.all([login(), login()]);
    // The second instance checks (and remembers) one session, then both are logged out on the first.
    expect((await request(second).get('/api/v1/notes/mine').set(bearer(seen.accessToken))).status).toBe(200);
    for (const session of [seen, unseen])
      expect((await request(first).post('/api/v1/auth/logout').send({ refreshToken: session.refreshToken })).status).toBe(204);

    const unseenThere = await request(second).get('/api/v1/notes/mine').set(bearer(unseen.accessToken));
    expect(unseenThere.body.error.code).toBe('token_revoked');
    await refusedThereWithinASecond(second, clock, seen.accessToken);
  });

  it('refuses on the other instance every access token of a family revoked for refresh-token reuse', async () => {
    const { clock, first, second, login } = await twoInstances();
    const session = await login();
    const rotated = (await request(first).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken })).body as { accessToken: string };
    for (const token of [session.accessToken, rotated.accessToken])
      expect((await request(second).get('/api/v1/notes/mine').set(bearer(token))).status).toBe(200);

    const reuse = await request(first).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken });
    expect(reuse.body.error.code).toBe('refresh_token_reused');
    for (const token of [session.accessToken, rotated.accessToken]) await refusedThereWithinASecond(second, clock, token);
  });

  it('refuses on the other instance the other sessions’ access tokens after a password change; the changing session goes on', async () => {
    const { clock, first, second, registration, login } = await twoInstances();
    const [here, elsewhere] = await Promise.all([login(), login()]);
    expect((await request(second).get('/api/v1/notes/mine').set(bearer(elsewhere.accessToken))).status).toBe(200);

    const changed = await request(first)
      .post('/api/v1/auth/password')
      .set(bearer(here.accessToken))
      .send({ currentPassword: registration.password, newPassword: 'a different passphrase 42' });
    expect(changed.status).toBe(204);
    await refusedThereWithinASecond(second, clock, elsewhere.accessToken);
    expect((await request(second).get('/api/v1/notes/mine').set(bearer(here.accessToken))).status).toBe(200);
  });
});
