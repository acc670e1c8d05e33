import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Resource } from '@mosaic/kit-core';
import { WebSocket, WebSocketServer } from 'ws';
import { CloseCode, WsConnection, type SlowConsumerPolicy, type WsPrincipal } from './ws-connection';

export interface WsHandlers {
  /** A parsed JSON message. Throwing closes nothing: the error goes to onError. */
  onMessage(connection: WsConnection, message: unknown): void | Promise<void>;
  onOpen?(connection: WsConnection, request: IncomingMessage): void | Promise<void>;
  onClose?(connection: WsConnection, code: number): void;
  /** A handler failure or an unparsable frame; the default sends an error frame. */
  onError?(connection: WsConnection, error: unknown): void;
}

export interface WsServerOptions extends WsHandlers {
  server: Server;
  path: string;
  /** Runs at upgrade; a rejection refuses the upgrade with 401 before any frame. */
  authenticate?(request: IncomingMessage): Promise<WsPrincipal | undefined>;
  /** When set, anonymous upgrades are refused. */
  requireAuth?: boolean;
  heartbeatMs?: number;
  maxPayloadBytes?: number;
  maxBufferedBytes?: number;
  slowConsumer?: SlowConsumerPolicy;
}

export interface WsServer extends Resource {
  readonly connections: ReadonlySet<WsConnection>;
}

/**
 * A WebSocket endpoint on an existing HTTP server: authenticated at upgrade, kept
 * honest by ping/pong (a peer that stops answering is dropped, so presence and
 * subscriptions do not leak), bounded per connection, closed with 1001 on shutdown.
 */
export function createWsServer(options: WsServerOptions): WsServer {
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const maxBufferedBytes = options.maxBufferedBytes ?? 1 << 20;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 64 * 1024 });
  const connections = new Set<WsConnection>();
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== options.path) return;
    void authenticate(options, request).then(
      (principal) => {
        wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, principal));
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : 'unauthorized';
        socket.end(
          `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${JSON.stringify({ error: { code: 'unauthenticated', message } })}`,
        );
      },
    );
  };
  options.server.on('upgrade', onUpgrade);

  function accept(ws: WebSocket, request: IncomingMessage, principal: WsPrincipal | undefined): void {
    const connection = new WsConnection(randomUUID(), principal, ws, maxBufferedBytes, options.slowConsumer ?? 'close');
    connections.add(connection);
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('close', (code) => {
      connections.delete(connection);
      options.onClose?.(connection, code);
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      alive.set(ws, true);
      void handle(connection, isBinary ? undefined : data.toString());
    });
    void Promise.resolve(options.onOpen?.(connection, request)).catch((error: unknown) => reportError(connection, error));
  }

  async function handle(connection: WsConnection, text: string | undefined): Promise<void> {
    let message: unknown;
    try {
      if (text === undefined) throw new WsProtocolError('binary_not_supported', 'Send JSON text frames');
      message = JSON.parse(text);
    } catch (error) {
      reportError(connection, error instanceof WsProtocolError ? error : new WsProtocolError('malformed_json', 'Frame is not valid JSON'));
      return;
    }
    try {
      await options.onMessage(connection, message);
    } catch (error) {
      reportError(connection, error);
    }
  }

  function reportError(connection: WsConnection, error: unknown): void {
    if (options.onError) return options.onError(connection, error);
    const { code, message } = error as { code?: string; message?: string };
    connection.send({ type: 'error', code: typeof code === 'string' ? code : 'internal', message: message ?? 'error' });
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();

  return {
    name: `ws:${options.path}`,
    connections,
    check: async () => undefined,
    close: async () => {
      clearInterval(heartbeat);
      options.server.off('upgrade', onUpgrade);
      for (const connection of connections) connection.close(CloseCode.goingAway, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const ws of wss.clients) ws.terminate();
    },
  };
}

class WsProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function authenticate(options: WsServerOptions, request: IncomingMessage): Promise<WsPrincipal | undefined> {
  const principal = await options.authenticate?.(request);
  if (!principal && options.requireAuth) throw new Error('Authentication required');
  return principal;
}
