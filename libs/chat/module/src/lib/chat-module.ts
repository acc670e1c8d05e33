import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { chatPage, chatRouter, createChatSocket, type ChatPrincipal, type ChatSocket } from '@mosaic/chat-delivery';
import { createChatAdapters } from '@mosaic/chat-repository';
import { createChatUseCases } from '@mosaic/chat-usecase';
import type { AppContext } from '@mosaic/kit-app';
import { systemClock, type Resource } from '@mosaic/kit-core';
import { loadChatSettings } from './chat-settings';

export interface ChatModuleOptions {
  /** Where the page is served: `/chat/` on the platform, `/` in the chat app. */
  readonly pagePath: string;
  /** Auth's upgrade check, with the token's expiry when known: the socket closes when it passes. */
  readonly authenticateUpgrade: (request: IncomingMessage) => Promise<ChatPrincipal>;
}

export type ChatModule = Awaited<ReturnType<typeof createChatModule>>;

/**
 * The chat domain on the process's shared backends: messages in MongoDB, friends and
 * channels in MySQL (migrated here), presence in Redis, fan-out through Kafka
 * (KAFKA_BROKERS) else Redis pub/sub (REDIS_URL) else in process; memory for each port
 * whose backend is not configured. Mount `router` at `/api/v1/chat` after auth's
 * `authenticate`; call `attach` once the HTTP server listens for `/ws/chat`.
 */
export async function createChatModule(context: AppContext, options: ChatModuleOptions) {
  const settings = loadChatSettings(context.env);
  const logger = context.logger.child({ domain: 'chat' });
  const instanceId = `${context.config.WORKER_ID}-${randomUUID()}`;
  const adapters = await createChatAdapters({
    mongo: context.backends.mongo,
    mysql: context.backends.mysql,
    redis: context.backends.redis,
    mq: context.env.KAFKA_BROKERS ? context.backends.mq : undefined,
    instanceId,
    topic: settings.fanoutTopic,
    redisNamespace: settings.redisPrefix,
    logger,
  });
  await adapters.migrate?.();
  const useCases = createChatUseCases({ ...adapters, clock: systemClock, ids: context.ids, ttlMs: settings.presenceTtlMs });
  let socket: ChatSocket | undefined;
  logger.info({ backends: adapters.backends, instanceId }, 'chat domain ready');
  const socketResource: Resource = {
    name: 'chat:ws',
    check: async () => undefined,
    close: async () => socket?.close(),
  };
  return {
    adapters,
    useCases,
    instanceId,
    router: chatRouter(useCases),
    /** The page and its assets; mount at the root. */
    page: chatPage(options.pagePath),
    /** Serves `/ws/chat` on the server; closed with `resources` (or earlier through `closeSocket`). */
    attach: async (server: Server): Promise<ChatSocket> => {
      socket = await createChatSocket({
        server,
        useCases,
        bus: adapters.bus,
        authenticate: options.authenticateUpgrade,
        instanceId,
        logger,
        presenceHeartbeatMs: settings.presenceHeartbeatMs,
        limits: { perSecond: settings.ratePerSecond, burst: settings.rateBurst },
      });
      return socket;
    },
    /** The attached socket endpoint, once `attach` ran. */
    socket: (): ChatSocket | undefined => socket,
    /** Closes the sockets (1001) so a draining server is not held open by them. */
    closeSocket: async () => socket?.close(),
    // The sockets close first, while the bus and stores they use are still open.
    resources: [...adapters.resources, socketResource],
  };
}
