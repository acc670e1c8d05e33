import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { CloseCode, createWsServer, type WsConnection, type WsServer, type WsServerOptions } from '../index';

let server: Server;
let ws: WsServer;
const clients: WebSocket[] = [];

async function start(options: Partial<WsServerOptions> = {}): Promise<string> {
  server = createServer();
  ws = createWsServer({
    server,
    path: '/ws',
    onMessage: (connection, message) => {
      connection.send({ type: 'echo', message, user: connection.principal?.id ?? null });
    },
    ...options,
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
}

async function connect(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}): Promise<WebSocket> {
  const client = new WebSocket(url, options);
  clients.push(client);
  await once(client, 'open');
  return client;
}

function nextMessage(client: WebSocket): Promise<Record<string, unknown>> {
  return once(client, 'message').then(([data]) => JSON.parse(String(data)));
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await ws?.close();
  server?.close();
});

describe('createWsServer', () => {
  it('refuses the upgrade with 401 when authentication fails', async () => {
    const url = await start({ authenticate: async () => Promise.reject(new Error('bad token')) });
    const client = new WebSocket(url);
    const [, response] = await once(client, 'unexpected-response');
    expect(response.statusCode).toBe(401);
  });

  it('refuses anonymous upgrades when authentication is required', async () => {
    const url = await start({ authenticate: async () => undefined, requireAuth: true });
    const client = new WebSocket(url);
    const [, response] = await once(client, 'unexpected-response');
    expect(response.statusCode).toBe(401);
  });

  it('hands authenticated JSON messages to the handler', async () => {
    const url = await start({ authenticate: async () => ({ id: 'u1', roles: [] }), requireAuth: true });
    const client = await connect(url);
    client.send(JSON.stringify({ action: 'ping' }));
    expect(await nextMessage(client)).toEqual({ type: 'echo', message: { action: 'ping' }, user: 'u1' });
  });

  it('answers malformed JSON with an error frame and keeps the connection', async () => {
    const url = await start();
    const client = await connect(url);
    client.send('{not json');
    expect(await nextMessage(client)).toEqual({ type: 'error', code: 'malformed_json', message: 'Frame is not valid JSON' });
    client.send(JSON.stringify({ still: 'here' }));
    expect(await nextMessage(client)).toMatchObject({ type: 'echo', message: { still: 'here' } });
  });

  it('reports handler failures as error frames with their code', async () => {
    const url = await start({
      onMessage: () => {
        throw Object.assign(new Error('Not your channel'), { code: 'not_a_member' });
      },
    });
    const client = await connect(url);
    client.send('{}');
    expect(await nextMessage(client)).toEqual({ type: 'error', code: 'not_a_member', message: 'Not your channel' });
  });

  it('closes frames over the payload limit with 1009', async () => {
    const url = await start({ maxPayloadBytes: 1024 });
    const client = await connect(url);
    client.send(JSON.stringify({ text: 'x'.repeat(5000) }));
    const [code] = await once(client, 'close');
    expect(code).toBe(CloseCode.tooBig);
  });

  it('drops a peer that stops answering pings', async () => {
    const url = await start({ heartbeatMs: 50 });
    const client = await connect(url, { autoPong: false });
    await once(client, 'close');
    await vi.waitFor(() => expect(ws.connections.size).toBe(0), { timeout: 20_000 });
  });

  it('keeps a peer that answers pings', async () => {
    // Counted in heartbeats, not waited in milliseconds. Each ping follows a round in which
    // the pong came back; the interval is long enough that a stalled process (client and
    // server share it) still reads the pong before the next round judges it.
    const url = await start({ heartbeatMs: 500 });
    const client = await connect(url);
    let pings = 0;
    client.on('ping', () => (pings += 1));
    await vi.waitFor(() => expect(pings).toBeGreaterThanOrEqual(3), { timeout: 20_000 });
    expect(client.readyState).toBe(WebSocket.OPEN);
    expect(ws.connections.size).toBe(1);
  });

  it('disconnects a consumer that does not read instead of buffering without bound', async () => {
    let connection: WsConnection | undefined;
    const url = await start({ maxBufferedBytes: 256 * 1024, onOpen: (c) => void (connection = c) });
    const client = await connect(url);
    (client as unknown as { _socket: { pause(): void } })._socket.pause();
    const chunk = 'x'.repeat(64 * 1024);
    let sent = 0;
    while (connection!.send({ chunk }) && sent < 10_000) {
      sent += 1;
      if (sent % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(connection!.droppedMessages).toBe(1);
    expect(connection!.isOpen).toBe(false);
  });

  it('closes every connection with 1001 on shutdown', async () => {
    const url = await start();
    const client = await connect(url);
    const closed = once(client, 'close');
    await ws.close();
    const [code] = await closed;
    expect(code).toBe(CloseCode.goingAway);
  });
});
