/**
 * One server for the chat benchmark, in a process of its own so its memory is its own:
 *   tsx tools/bench/chat/server.ts chat   the chat WebSocket (memory backends) as apps compose it
 *   tsx tools/bench/chat/server.ts bare   a bare `ws` server fanning the same frames to the same rooms
 * Prints "listening <port>", then answers each "mem" line on stdin with its memory as JSON.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { createInterface } from 'node:readline';
import { createChatSocket } from '@mosaic/chat-delivery';
import { createChatAdapters } from '@mosaic/chat-repository';
import { createChatUseCases } from '@mosaic/chat-usecase';
import { SnowflakeIds, systemClock } from '@mosaic/kit-core';
import { createLogger } from '@mosaic/kit-log';
import { WebSocketServer, type WebSocket } from 'ws';

const mode = process.argv[2];
const server = createServer();

/** The benchmark's stand-in for auth: `?user=` names the user (127.0.0.1 only). */
async function benchUpgrade(request: IncomingMessage) {
  const user = new URL(request.url ?? '/', 'http://localhost').searchParams.get('user');
  if (!user) throw new Error('no user');
  return { id: user, roles: ['user'] };
}

async function startChat(): Promise<void> {
  const adapters = await createChatAdapters();
  const logger = createLogger({ name: 'bench-chat', level: 'warn', pretty: false });
  const useCases = createChatUseCases({ ...adapters, clock: systemClock, ids: new SnowflakeIds(1) });
  await createChatSocket({
    server,
    useCases,
    bus: adapters.bus,
    authenticate: benchUpgrade,
    instanceId: 'bench',
    logger,
    limits: { burst: 1_000, perSecond: 1_000 },
  });
  // Rooms: the driver asks over HTTP, before connecting, for channels with these members.
  server.on('request', (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      void (async () => {
        const rooms = JSON.parse(body) as string[][];
        const ids: string[] = [];
        for (const members of rooms) {
          const [owner = 'nobody'] = members;
          const channel = await useCases.createChannel.execute({ userId: owner, name: 'bench' });
          for (const member of members.slice(1)) await useCases.joinChannel.execute({ userId: member, channelId: channel.id });
          ids.push(channel.id);
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(ids));
      })();
    });
  });
}

/** The baseline: the same frames, fanned out to the same rooms, with nothing in between. */
function startBare(): void {
  const wss = new WebSocketServer({ noServer: true });
  const socketsByUser = new Map<string, WebSocket>();
  let rooms: string[][] = [];
  let seq = 0;
  server.on('upgrade', (request, socket, head) => {
    const user = new URL(request.url ?? '/', 'http://localhost').searchParams.get('user') ?? '';
    wss.handleUpgrade(request, socket, head, (ws) => {
      socketsByUser.set(user, ws);
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { channel_id: string; message: string; clientMessageId?: string };
        const members = rooms[Number(frame.channel_id)] ?? [];
        const id = String(++seq);
        const out = JSON.stringify({
          type: 'message',
          id,
          conversation: `channel:${frame.channel_id}`,
          seq,
          senderId: user,
          text: frame.message,
          clientMessageId: frame.clientMessageId ?? null,
          sentAt: new Date().toISOString(),
        });
        for (const member of members) socketsByUser.get(member)?.send(out);
        ws.send(JSON.stringify({ type: 'ack', id, seq }));
      });
    });
  });
  server.on('request', (req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      rooms = JSON.parse(body) as string[][];
      res.end(JSON.stringify(rooms.map((_, i) => String(i))));
    });
  });
}

async function main(): Promise<void> {
  if (mode === 'chat') await startChat();
  else if (mode === 'bare') startBare();
  else throw new Error('usage: server.ts chat|bare');
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
  });
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'mem') return;
    global.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    console.log(`mem ${JSON.stringify({ rss, heapUsed })}`);
  });
}

void main();
