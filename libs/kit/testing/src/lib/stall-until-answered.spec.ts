import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { hasUnreadReplyFrom, stallUntilAnswered } from './stall-until-answered';

describe('stallUntilAnswered', () => {
  it('returns once the server’s reply waits unread in this process, and not before', async () => {
    const accepted: Socket[] = [];
    const server = createServer((socket) => accepted.push(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const client = connect(port, '127.0.0.1');
    try {
      await once(client, 'connect');
      await expect.poll(() => accepted.length).toBe(1);
      expect(hasUnreadReplyFrom(port)).toBe(false);
      client.pause();
      accepted[0]?.write('answer');
      const started = Date.now();
      stallUntilAnswered(`tcp://127.0.0.1:${port}`, 50);
      expect(Date.now() - started).toBeGreaterThanOrEqual(50);
      expect(hasUnreadReplyFrom(port)).toBe(true);
    } finally {
      client.destroy();
      for (const socket of accepted) socket.destroy();
      server.close();
    }
  });

  it('fails loudly when the server sends nothing', () => {
    expect(() => stallUntilAnswered('tcp://127.0.0.1:9', 0, 20)).toThrow(/sent nothing in 20 ms/);
  });
});
