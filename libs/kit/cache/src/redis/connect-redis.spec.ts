import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { isAppError } from '@mosaic/kit-core';
import { expect, it } from 'vitest';
import { connectRedis } from './connect-redis';

it('fails a command Redis never answers with backend_unavailable once the command timeout passes', async () => {
  // A server that accepts connections and reads commands but never replies.
  const sockets = new Set<Socket>();
  const mute = createServer((socket) => {
    sockets.add(socket);
    socket.resume();
  }).listen(0, '127.0.0.1');
  await once(mute, 'listening');
  const { port } = mute.address() as AddressInfo;
  const redis = await connectRedis(`redis://127.0.0.1:${port}`, { commandTimeoutMs: 50, redis: { enableReadyCheck: false } });
  try {
    const started = Date.now();
    const error: unknown = await redis.client.get('k').catch((caught: unknown) => caught);
    expect(isAppError(error) && `${error.code} ${error.status}`).toBe('backend_unavailable 503');
    expect(((error as Error).cause as Error).message).toBe('Command timed out');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  } finally {
    redis.client.disconnect();
    for (const socket of sockets) socket.destroy();
    mute.close();
  }
});
