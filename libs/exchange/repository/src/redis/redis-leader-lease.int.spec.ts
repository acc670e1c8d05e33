import { Redis } from 'ioredis';
import { createTestRedisNamespace, describeWithBackend, type TestRedisNamespace } from '@mosaic/kit-testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { RedisLeaderLease } from './redis-leader-lease';

describeWithBackend('redis', 'RedisLeaderLease', (backend) => {
  let redis: Redis;
  let space: TestRedisNamespace;
  const leases: RedisLeaderLease[] = [];
  const lease = (ttlMs = 1_000) => {
    const created = new RedisLeaderLease(redis, { key: `${space.namespace}:leader`, ttlMs });
    leases.push(created);
    return created;
  };
  beforeEach(() => {
    redis = new Redis(backend.url());
    space = createTestRedisNamespace(backend.url(), 'lease');
  });
  afterEach(async () => {
    for (const held of leases.splice(0)) await held.close();
    await space.drop();
    redis.disconnect();
  });

  it('has one holder at a time; the next takes over when it is released, with a larger fencing token', async () => {
    // The default ttl: a shorter one lets a loaded machine stall the holder's renewal past
    // it, and the second would then take over while the first still holds it.
    const first = lease(2_000);
    const firstToken = await first.acquire();
    const second = lease(2_000);
    let secondToken: number | undefined;
    const taking = second.acquire().then((token) => (secondToken = token));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondToken).toBeUndefined();
    await first.close();
    await taking;
    expect(secondToken).toBeGreaterThan(firstToken);
  });

  it('reports the lease lost to a holder paused longer than the ttl, and lets another take it', async () => {
    const paused = lease(300);
    await paused.acquire();
    const lost = new Promise<string>((resolve) => paused.onLost(resolve));
    const until = Date.now() + 700;
    while (Date.now() < until) {
      // A stopped process: no timer runs, no renewal is sent.
    }
    expect(await lost).toMatch(/not renewed|another instance/);
    const successor = lease(300);
    await expect(successor.acquire()).resolves.toBeGreaterThan(0);
  });
});
