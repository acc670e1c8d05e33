import { isAppError } from '@mosaic/kit-core';
import { createTestRedisNamespace, describeWithBackend, stallUntilAnswered, startTcpProxy, type TestRedisNamespace } from '@mosaic/kit-testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectRedis } from './connect-redis';
import { createRedisCache } from './redis-cache';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (isAppError(error) ? `${error.code} ${error.status} retry-after=${error.retryAfterSeconds}` : String(error)),
  );

describeWithBackend('redis', 'connectRedis', (backend) => {
  let space: TestRedisNamespace;
  beforeAll(() => {
    space = createTestRedisNamespace(backend.url(), 'connect');
  });
  afterAll(() => space?.drop());

  it('refuses a URL whose database index the server does not have', async () => {
    const url = new URL(backend.url());
    url.pathname = '/4096';
    await expect(connectRedis(url.toString())).rejects.toThrow(/DB index is out of range/);
  });

  it('fails commands at once with backend_unavailable while Redis is unreachable, and recovers by itself', async () => {
    const proxy = await startTcpProxy(backend.url());
    const redis = await connectRedis(proxy.rewrite(backend.url()), { onError: () => undefined });
    const cache = createRedisCache(redis.client, { namespace: space.namespace });
    try {
      await cache.set('k', 'before');
      await proxy.cut();
      await expect.poll(() => redis.client.status).not.toBe('ready');
      expect(await codeOf(cache.get('k'))).toBe('backend_unavailable 503 retry-after=5');
      expect(await codeOf(redis.client.get('k'))).toBe('backend_unavailable 503 retry-after=5');
      await expect(redis.resource.check()).rejects.toThrow();
      await proxy.restore();
      await expect.poll(() => redis.client.status, { timeout: 10_000 }).toBe('ready');
      expect(await cache.get('k')).toBe('before');
      await redis.resource.check();
    } finally {
      await redis.resource.close();
      await proxy.close();
    }
  });

  it('times every command out with backend_unavailable while Redis holds the connection but answers nothing, and recovers by itself', async () => {
    const proxy = await startTcpProxy(backend.url());
    const redis = await connectRedis(proxy.rewrite(backend.url()), { onError: () => undefined, commandTimeoutMs: 200 });
    const cache = createRedisCache(redis.client, { namespace: space.namespace });
    try {
      await cache.set('stalled', 'before');
      proxy.stall();
      // The connection stays up, so nothing but the command timeout can end these.
      expect(redis.client.status).toBe('ready');
      expect(await codeOf(cache.get('stalled'))).toBe('backend_unavailable 503 retry-after=5');
      expect(await codeOf(redis.client.incr(`${space.namespace}:stalled-counter`))).toBe('backend_unavailable 503 retry-after=5');
      await proxy.restore();
      await expect.poll(() => cache.get('stalled'), { timeout: 10_000 }).toBe('before');
    } finally {
      await redis.resource.close();
      await proxy.close();
    }
  });

  it('delivers a reply that arrived while the event loop was stalled past the command timeout', async () => {
    const redis = await connectRedis(backend.url(), { commandTimeoutMs: 50 });
    try {
      const reply = codeOf(redis.client.echo('stalled'));
      // A starved process: nothing runs for six timeouts, and until Redis has answered.
      stallUntilAnswered(backend.url(), 300);
      expect(await reply).toBe('resolved');
    } finally {
      await redis.resource.close();
    }
  });

  it('keeps error replies as they are', async () => {
    const redis = await connectRedis(backend.url());
    try {
      await redis.client.set(`${space.namespace}:text`, 'x');
      await expect(redis.client.incr(`${space.namespace}:text`)).rejects.toMatchObject({ name: 'ReplyError' });
    } finally {
      await redis.resource.close();
    }
  });
});
