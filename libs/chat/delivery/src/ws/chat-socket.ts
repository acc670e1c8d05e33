import type { IncomingMessage, Server } from 'node:http';
import { channelConversationId, friendConversationId, type ChatBus } from '@mosaic/chat-domain';
import type { ChatUseCases } from '@mosaic/chat-usecase';
import { isAppError, type Resource } from '@mosaic/kit-core';
import type { Logger } from '@mosaic/kit-log';
import { CloseCode, createWsServer, type WsConnection, type WsPrincipal, type WsServer } from '@mosaic/kit-ws';
import { historyJson, messageJson } from '../http/presenters';
import { inboundFrame, type InboundFrame } from './chat-frames';
import { ChatSession } from './chat-session';
import { FanoutHub } from './fanout-hub';
import { PresenceTracker } from './presence-tracker';
import { SendQuota } from './send-quota';

/** Close codes of `/ws/chat` beyond the standard ones. */
export const ChatCloseCode = { tokenExpired: 4001 } as const;

export interface ChatPrincipal extends WsPrincipal {
  /** When the token presented at upgrade expires; the socket closes then. */
  readonly expiresAt?: Date;
}

export interface ChatSocketLimits {
  /** Frames a client may send at once, and per second after that. */
  readonly burst: number;
  readonly perSecond: number;
  /** Refused frames in a row before the connection is closed as abusive (1008). */
  readonly abuseAfter: number;
  /** Largest frame; a larger one closes the connection with 1009. */
  readonly maxFrameBytes: number;
}

export interface ChatSocketOptions {
  readonly server: Server;
  readonly path?: string;
  readonly useCases: ChatUseCases;
  readonly bus: Pick<ChatBus, 'subscribe'>;
  /** Rejects (401/403) a socket without a valid token. */
  readonly authenticate: (request: IncomingMessage) => Promise<ChatPrincipal>;
  /** Names this process in presence holds: unique per running instance. */
  readonly instanceId: string;
  readonly logger: Logger;
  readonly presenceHeartbeatMs?: number;
  readonly limits?: Partial<ChatSocketLimits>;
  readonly wsHeartbeatMs?: number;
}

export interface ChatSocket extends Resource {
  readonly ws: WsServer;
}

const DEFAULT_LIMITS: ChatSocketLimits = { burst: 30, perSecond: 20, abuseAfter: 50, maxFrameBytes: 16 * 1024 };
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * `/ws/chat`: authenticated at upgrade, JSON frames `{ action, … }` in and
 * `{ type, … }` out. Each send is acknowledged with the server id and sequence (or
 * answered with an error frame naming a code); recoverable mistakes leave the socket
 * open, flooding closes it with 1008, an expired token with 4001.
 */
export async function createChatSocket(options: ChatSocketOptions): Promise<ChatSocket> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { useCases, logger } = options;
  const hub = new FanoutHub(useCases.catchUpConversation, logger);
  const presence = new PresenceTracker(useCases, options.instanceId, options.presenceHeartbeatMs ?? 10_000, () => hub.userIds, logger);
  const subscription = await options.bus.subscribe((event) => hub.handle(event));
  const sessions = new WeakMap<WsConnection, ChatSession>();
  const expiries = new WeakMap<IncomingMessage, Date>();

  const ws = createWsServer({
    server: options.server,
    path: options.path ?? '/ws/chat',
    requireAuth: true,
    heartbeatMs: options.wsHeartbeatMs,
    maxPayloadBytes: limits.maxFrameBytes,
    authenticate: async (request) => {
      const principal = await options.authenticate(request);
      if (principal.expiresAt) expiries.set(request, principal.expiresAt);
      return principal;
    },
    onOpen: (connection, request) => {
      const userId = connection.principal?.id;
      if (!userId) return connection.close(CloseCode.policyViolation, 'unauthenticated');
      const session = new ChatSession(connection, userId, new SendQuota(limits.burst, limits.perSecond, limits.abuseAfter, Date.now()));
      sessions.set(connection, session);
      const expiresAt = expiries.get(request);
      if (expiresAt) {
        session.expiryTimer = setTimeout(
          () => {
            session.send({ type: 'error', code: 'token_expired', message: 'The access token expired; reconnect with a fresh one' });
            connection.close(ChatCloseCode.tokenExpired, 'token expired');
          },
          Math.min(Math.max(0, expiresAt.getTime() - Date.now()), MAX_TIMER_MS),
        );
      }
      // `?resume=1`: the client is reconnecting and its first frame will be a resume;
      // live messages wait for it (a second at most) so none overtakes the replay.
      if (new URL(request.url ?? '/', 'http://localhost').searchParams.get('resume') === '1') {
        session.hold();
        session.holdTimer = setTimeout(() => session.release(), 1_000);
      }
      if (hub.add(session) === 1) presence.connected(userId);
      session.send({ type: 'hello', userId });
    },
    onClose: (connection) => {
      const session = sessions.get(connection);
      if (!session) return;
      clearTimeout(session.expiryTimer);
      clearTimeout(session.holdTimer);
      if (hub.remove(session) === 0) presence.disconnected(session.userId);
    },
    onMessage: (connection, raw) => {
      const session = sessions.get(connection);
      if (!session) return;
      const verdict = session.quota.take(Date.now());
      if (verdict === 'abuse') return connection.close(CloseCode.policyViolation, 'flooding');
      if (verdict === 'limited') return session.send({ type: 'error', code: 'rate_limited', message: 'Too many frames; slow down' });
      // One frame at a time per socket: a client's messages take sequences in the order it sent them.
      session.enqueue(async () => {
        let frame: InboundFrame | undefined;
        try {
          frame = parseFrame(raw);
          session.release(resumedBy(frame));
          await handleFrame(session, frame);
        } catch (error) {
          session.send(errorFrame(error, frame, logger));
        }
      });
    },
    onError: (connection, error) => {
      sessions.get(connection)?.send(errorFrame(error, undefined, logger));
    },
  });

  async function handleFrame(session: ChatSession, frame: InboundFrame): Promise<void> {
    const userId = session.userId;
    switch (frame.action) {
      case 'send_message_to_friend':
      case 'send_message_to_channel': {
        const conversation =
          frame.action === 'send_message_to_friend' ? friendConversationId(userId, frame.friend_id) : channelConversationId(frame.channel_id);
        const sent = await useCases.sendMessage.execute({ senderId: userId, conversation, text: frame.message, clientMessageId: frame.clientMessageId });
        session.send({ type: 'ack', ...messageJson(sent.message), duplicate: sent.duplicate });
        return;
      }
      case 'get_friend_history_message':
      case 'get_channel_history_message': {
        const conversation =
          frame.action === 'get_friend_history_message' ? friendConversationId(userId, frame.friend_id) : channelConversationId(frame.channel_id);
        const page = await useCases.getHistory.execute({ userId, conversation, before: frame.before, limit: frame.limit });
        session.send({ type: 'history', ...historyJson(conversation, page) });
        return;
      }
      case 'typing':
        await useCases.signalTyping.execute({ userId, conversation: frame.conversation });
        return;
      case 'read': {
        const read = await useCases.markRead.execute({ userId, conversation: frame.conversation, messageId: frame.messageId });
        session.send({ type: 'read', ...read });
        return;
      }
      case 'resume':
        return resume(session, frame.conversation, frame.afterSeq);
      case 'resume_all':
        for (const { conversation, afterSeq } of frame.conversations) {
          try {
            await resume(session, conversation, afterSeq);
          } catch (error) {
            session.send({ ...errorFrame(error, frame, logger), conversation });
          }
        }
        return;
      case 'ping':
        session.send({ type: 'pong', at: new Date().toISOString() });
        return;
    }
  }

  async function resume(session: ChatSession, conversation: string, from: number): Promise<void> {
    const userId = session.userId;
    const lastSeq = await session.replay(conversation, from, (afterSeq) => useCases.resumeConversation.execute({ userId, conversation, afterSeq }));
    session.send({ type: 'resumed', conversation, lastSeq });
  }

  let closing: Promise<void> | undefined;
  const close = async () => {
    await ws.close();
    await subscription.close();
    for (const userId of hub.userIds) presence.disconnected(userId);
    await presence.close();
  };
  return {
    name: 'chat:ws',
    ws,
    check: async () => undefined,
    close: () => (closing ??= close()),
  };
}

class FrameError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

function parseFrame(raw: unknown): InboundFrame {
  const action = typeof raw === 'object' && raw !== null ? (raw as { action?: unknown }).action : undefined;
  if (typeof action !== 'string') throw new FrameError('missing_action', 'A frame is a JSON object with an "action"');
  const parsed = inboundFrame.safeParse(raw);
  if (parsed.success) return parsed.data;
  if (parsed.error.issues.some((issue) => issue.path.length === 1 && issue.path[0] === 'action')) {
    throw new FrameError('unknown_action', `Unknown action "${action.slice(0, 60)}"`);
  }
  const details = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new FrameError('validation_failed', `Invalid ${details[0]?.path ?? 'frame'}: ${details[0]?.message ?? ''}`, details);
}

/** The conversations a frame resumes, whose live messages must wait for the replay. */
function resumedBy(frame: InboundFrame): string[] {
  if (frame.action === 'resume') return [frame.conversation];
  if (frame.action === 'resume_all') return frame.conversations.map((entry) => entry.conversation);
  return [];
}

function errorFrame(error: unknown, frame: InboundFrame | undefined, logger: Logger) {
  const context = {
    ...(frame ? { action: frame.action } : {}),
    ...(frame && 'clientMessageId' in frame && frame.clientMessageId ? { clientMessageId: frame.clientMessageId } : {}),
  };
  if (isAppError(error)) {
    const code = error.kind === 'unavailable' ? 'backend_unavailable' : error.code;
    return { type: 'error', code, message: error.message, ...context };
  }
  if (error instanceof FrameError)
    return { type: 'error', code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}), ...context };
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === 'malformed_json' || code === 'binary_not_supported') return { type: 'error', code, message: String(message) };
  logger.error({ err: error }, 'chat frame failed');
  return { type: 'error', code: 'internal', message: 'Something went wrong', ...context };
}
