import type { Resource } from '@mosaic/kit-core';
import type { Logger } from '@mosaic/kit-log';
import type { Telemetry } from '@mosaic/kit-telemetry';
import type { RequestListener, Server } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import { serveApiDocs } from './api/api-docs';
import type { ApiInfo } from './api/openapi-document';
import { errorHandler, notFoundHandler } from './error-handler';
import { Lifecycle, operationalEndpoints } from './health';
import { fastPath, type FastPathOptions, type FastRoute } from './fast-path';
import { observeRequests, requestRecorder } from './observe-requests';
import { RouteTable } from './route-table';
import { securityHeaderSet, securityHeaders } from './security-headers';

export interface HttpAppOptions {
  logger: Logger;
  telemetry?: Telemetry;
  /** Backends probed by /ready and closed on shutdown, in reverse order. */
  resources?: Resource[];
  /** Largest JSON body accepted; larger ones get 413. */
  bodyLimit?: string | number;
  /** Express `trust proxy`, so req.ip is the client behind a load balancer. */
  trustProxy?: boolean | number | string;
  /** Content-Security-Policy of every response; default the strict policy every page follows. */
  contentSecurityPolicy?: string;
  /** Title and version of the app's `/openapi.json` (and `/docs`). */
  api?: Partial<ApiInfo>;
  /** Where the app's routes are added, between the common middleware and the fallbacks. */
  mount(app: Express): void;
  /**
   * Routes answered ahead of express (see FastRoute), each also mounted on express by
   * `mount` for the requests it declines. Served by `startServer`; `app` alone lacks them.
   */
  fastRoutes?: readonly FastRoute[];
  /** Called with the HTTP server once it listens: WebSocket endpoints attach to its upgrades here. */
  onListen?(server: Server): void;
}

export interface HttpApp {
  readonly app: Express;
  /** The server's request listener: the fast routes, then `app`. */
  readonly handle: RequestListener;
  readonly lifecycle: Lifecycle;
  readonly logger: Logger;
  /** Every mounted route under its full template. */
  readonly routes: RouteTable;
  readonly onListen?: (server: Server) => void;
}

/**
 * The one way Mosaic servers are built: request ids and trace ids, metrics, access
 * logs, a bounded JSON parser, health and readiness, then the app's routes, then a
 * JSON 404 (405 with Allow for a known path) and the error mapper.
 */
export function buildHttpApp(options: HttpAppOptions): HttpApp {
  const app = express();
  const lifecycle = new Lifecycle().add(...(options.resources ?? []));
  const routes = new RouteTable();
  const record = requestRecorder(options.logger, options.telemetry);
  const headers = securityHeaderSet(options.contentSecurityPolicy);
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(
    entry(
      observeRequests(record, routes),
      securityHeaders(headers),
      operationalEndpoints(lifecycle, options.telemetry),
      jsonBodies(options.bodyLimit ?? '100kb'),
    ),
  );
  serveApiDocs(app, { info: { title: 'Mosaic API', version: '1.0.0', ...options.api }, metrics: options.telemetry !== undefined });
  options.mount(app);
  routes.index(app);
  app.use(notFoundHandler(routes));
  app.use(errorHandler(options.logger, routes));
  const handle = fastPath({
    routes: options.fastRoutes ?? [],
    record,
    logger: options.logger,
    securityHeaders: headers,
    trustProxy: app.get('trust proxy fn') as FastPathOptions['trustProxy'],
    fallback: app,
  });
  return { app, handle, lifecycle, logger: options.logger, routes, onListen: options.onListen?.bind(options) };
}

/**
 * Observation, security headers, the operational endpoints and body parsing as one express layer:
 * each layer costs every request a router step, and these run on all of them.
 */
function entry(observe: RequestHandler, secure: RequestHandler, operational: RequestHandler, parseBody: RequestHandler): RequestHandler {
  return (req, res, next) => {
    void observe(req, res, () => {
      void secure(req, res, () => {
        void operational(req, res, () => {
          void parseBody(req, res, next);
        });
      });
    });
  };
}

/** Parses JSON bodies, skipping the parser's work for the many requests that carry none. */
function jsonBodies(limit: string | number): RequestHandler {
  const parse = express.json({ limit });
  return (req, res, next) => {
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return next();
    parse(req, res, next);
  };
}
