import type { Server } from 'node:http';
import { backendUrlsFromEnv, describeBackends, loadServerConfig, type ServerConfig } from '@mosaic/kit-config';
import { SnowflakeIds } from '@mosaic/kit-core';
import { startServer, type HttpApp, type RunningServer } from '@mosaic/kit-http';
import { createLogger, type Logger } from '@mosaic/kit-log';
import type { Telemetry } from '@mosaic/kit-telemetry';
import { connectBackends, type Backends } from './backends';

export interface AppContext {
  readonly config: ServerConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly backends: Backends;
  /** Time-ordered ids unique to this process (WORKER_ID). */
  readonly ids: SnowflakeIds;
}

export interface ComposedApp {
  readonly http: HttpApp;
  /** Pages worth printing at start-up, as paths. */
  readonly pages?: { name: string; path: string }[];
  /** Runs after HTTP stopped taking requests and before backends close (flush buffers, stop consumers). */
  readonly beforeClose?: () => Promise<void>;
  /** Runs once the server listens: attach WebSocket endpoints to it. */
  readonly onListening?: (server: Server) => Promise<void>;
  /** Runs when draining starts: close WebSockets, which would otherwise hold the drain open. */
  readonly beforeDrain?: () => Promise<void>;
}

export interface RunAppOptions {
  name: string;
  telemetry: Telemetry;
  compose(context: AppContext): Promise<ComposedApp>;
}

/**
 * The whole life of a server process: read configuration, connect backends, let the
 * app compose its domains, serve, and on SIGTERM drain requests, run the app's
 * shutdown hook, close backends and flush telemetry. Apps supply only `compose`.
 */
export async function runApp(options: RunAppOptions, env: NodeJS.ProcessEnv = process.env): Promise<RunningServer> {
  const config = loadServerConfig(env);
  const urls = backendUrlsFromEnv(env);
  const logger = createLogger({ name: options.name, level: config.LOG_LEVEL });
  logger.info({ backends: describeBackends(urls), tracing: options.telemetry.tracing }, 'starting');
  const backends = await connectBackends(urls, { logger, clientId: options.name });
  const ids = new SnowflakeIds(config.WORKER_ID);
  const app = await options.compose({ config, env, logger, telemetry: options.telemetry, backends, ids });
  app.http.lifecycle.addFirst(...backends.resources);
  const running = await startServer(app.http, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    beforeClose: async () => {
      await app.beforeClose?.();
      await options.telemetry.shutdown();
    },
    beforeDrain: app.beforeDrain,
  });
  await app.onListening?.(running.server);
  const pages = (app.pages ?? []).map((page) => `\n  ${page.name}: ${running.url}${page.path}`).join('');
  logger.info(`${options.name} listening on ${running.url}${pages}`);
  return running;
}

/** For `main.ts`: run, and turn a failed start into a plain message and exit code 1. */
export function main(options: RunAppOptions): void {
  runApp(options).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
