import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpApp } from './http-app';

export interface ServerOptions {
  port: number;
  host?: string;
  /** How long in-flight requests may take to finish after a stop signal. */
  shutdownTimeoutMs?: number;
  /** Exit the process after a signal-driven shutdown; off in tests. */
  exitOnSignal?: boolean;
  /** Run after the HTTP server stopped and before resources close (flushes, consumers). */
  beforeClose?: () => Promise<void>;
  /** Run when draining starts, before waiting for connections: close upgraded (WebSocket) ones, which would hold the drain open. */
  beforeDrain?: () => Promise<void>;
}

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  /** Stops accepting, lets in-flight requests finish, closes resources. True when it drained in time. */
  shutdown(reason?: string): Promise<boolean>;
}

export async function startServer(http: HttpApp, options: ServerOptions): Promise<RunningServer> {
  const server = createServer(http.handle).listen(options.port, options.host ?? '0.0.0.0');
  await once(server, 'listening');
  http.onListen?.(server);
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
  let stopping: Promise<boolean> | undefined;

  const shutdown = (reason = 'shutdown') => {
    stopping ??= drain(http, server, timeoutMs, reason, options.beforeClose, options.beforeDrain);
    return stopping;
  };

  if (options.exitOnSignal ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        void shutdown(signal).then((drained) => process.exit(drained ? 0 : 1));
      });
    }
  }
  return { server, port, url: `http://${host}:${port}`, shutdown };
}

async function drain(
  http: HttpApp,
  server: Server,
  timeoutMs: number,
  reason: string,
  beforeClose?: () => Promise<void>,
  beforeDrain?: () => Promise<void>,
): Promise<boolean> {
  const { lifecycle, logger } = http;
  lifecycle.draining = true;
  logger.info({ reason }, 'shutting down: no new connections, draining in-flight requests');
  await beforeDrain?.().catch((error: unknown) => logger.error({ err: error }, 'closing upgraded connections failed'));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive sockets with no request in flight would hold close() open forever.
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    closed.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    }),
  ]);
  clearInterval(idleSweep);
  clearTimeout(timer);
  if (!drained) {
    logger.warn({ timeoutMs }, 'in-flight requests did not finish in time; closing their connections');
    server.closeAllConnections();
  }
  try {
    await beforeClose?.();
  } catch (error) {
    logger.error({ err: error }, 'shutdown hook failed');
  }
  for (const resource of [...lifecycle.resources].reverse()) {
    try {
      await resource.close();
    } catch (error) {
      logger.error({ err: error, resource: resource.name }, 'closing a resource failed');
    }
  }
  logger.info({ drained }, 'stopped');
  return drained;
}
