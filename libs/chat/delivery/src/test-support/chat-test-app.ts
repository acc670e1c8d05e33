import type { IncomingMessage } from 'node:http';
import { createChatAdapters, type ChatAdapters } from '@mosaic/chat-repository';
import { createChatUseCases } from '@mosaic/chat-usecase';
import { SnowflakeIds, systemClock, unauthorized } from '@mosaic/kit-core';
import { buildHttpApp, deferPrincipal, setPrincipal, startServer, type RunningServer } from '@mosaic/kit-http';
import { createLogger } from '@mosaic/kit-log';
import type { RequestHandler } from 'express';
import { chatRouter } from '../http/chat-router';
import { createChatSocket, type ChatSocket, type ChatSocketLimits } from '../ws/chat-socket';

let worker = 1;

/** Stands in for auth's `authenticate`, deferred as it is: the principal comes from a test header. */
export const testPrincipal = (): RequestHandler => (req, _res, next) => {
  deferPrincipal(req, async () => {
    const user = req.get('x-test-user');
    if (user) setPrincipal(req, { id: user, roles: ['user'] });
  });
  next();
};

export const as = (user: string) => ({ 'x-test-user': user });

/** Stands in for auth's upgrade check: `?user=` names the user, `?expiresInMs=` the token's remaining life. */
async function testUpgrade(request: IncomingMessage) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const user = url.searchParams.get('user');
  if (!user) throw unauthorized('unauthenticated', 'Authentication required');
  const expiresInMs = url.searchParams.get('expiresInMs');
  return { id: user, roles: ['user'], expiresAt: expiresInMs ? new Date(Date.now() + Number(expiresInMs)) : undefined };
}

export interface ChatTestServer {
  readonly url: string;
  readonly wsUrl: (user: string, extra?: string) => string;
  readonly adapters: ChatAdapters;
  readonly useCases: ReturnType<typeof createChatUseCases>;
  readonly socket: ChatSocket;
  close(): Promise<void>;
}

/** The chat routes and socket over fresh adapters (memory unless given), on a real port. */
export async function startChatTestServer(
  options: { adapters?: ChatAdapters; limits?: Partial<ChatSocketLimits>; presenceTtlMs?: number; presenceHeartbeatMs?: number; instanceId?: string } = {},
): Promise<ChatTestServer> {
  const adapters = options.adapters ?? (await createChatAdapters());
  const logger = createLogger({ name: 'chat-test', level: 'silent', pretty: false });
  const useCases = createChatUseCases({ ...adapters, clock: systemClock, ids: new SnowflakeIds(worker++ % 1024), ttlMs: options.presenceTtlMs });
  const http = buildHttpApp({
    logger,
    mount: (app) => {
      app.use(testPrincipal());
      app.use('/api/v1/chat', chatRouter(useCases));
    },
  });
  const running: RunningServer = await startServer(http, { port: 0, host: '127.0.0.1', exitOnSignal: false });
  const socket = await createChatSocket({
    server: running.server,
    useCases,
    bus: adapters.bus,
    authenticate: testUpgrade,
    instanceId: options.instanceId ?? `test-${worker}`,
    logger,
    limits: options.limits,
    presenceHeartbeatMs: options.presenceHeartbeatMs,
  });
  return {
    url: running.url,
    wsUrl: (user, extra = '') => `${running.url.replace('http', 'ws')}/ws/chat?user=${encodeURIComponent(user)}${extra}`,
    adapters,
    useCases,
    socket,
    close: async () => {
      await socket.close();
      await running.shutdown('test');
    },
  };
}

/** Makes two users friends (each asks the other). */
export async function befriend(useCases: ChatTestServer['useCases'], a: string, b: string): Promise<void> {
  await useCases.askFriend.execute({ userId: a, friendId: b });
  await useCases.askFriend.execute({ userId: b, friendId: a });
}
