import type { Resource } from '@mosaic/kit-core';
import type { Logger } from '@mosaic/kit-log';
import type { Telemetry } from '@mosaic/kit-telemetry';
import express, { type Express, type RequestHandler } from 'express';
import { serveApiDocs } from './api/api-docs';
import type { ApiInfo } from './api/openapi-document';
import { errorHandler, notFoundHandler } from './error-handler';
import { Lifecycle, operationalEndpoints } from './health';
import { observeRequests } from './observe-requests';
import { securityHeaders } from './security-headers';

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
}

export interface HttpApp {
  readonly app: Express;
  readonly lifecycle: Lifecycle;
  readonly logger: Logger;
}

/**
 * The one way Mosaic servers are built: request ids and trace ids, metrics, access
 * logs, a bounded JSON parser, health and readiness, then the app's routes, then a
 * JSON 404 and the error mapper.
 */
export function buildHttpApp(options: HttpAppOptions): HttpApp {
  const app = express();
  const lifecycle = new Lifecycle().add(...(options.resources ?? []));
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.use(
    entry(
      observeRequests(options.logger, options.telemetry),
      securityHeaders(options.contentSecurityPolicy),
      operationalEndpoints(lifecycle, options.telemetry),
      jsonBodies(options.bodyLimit ?? '100kb'),
    ),
  );
  serveApiDocs(app, { info: { title: 'Mosaic API', version: '1.0.0', ...options.api }, metrics: options.telemetry !== undefined });
  options.mount(app);
  app.use(notFoundHandler());
  app.use(errorHandler(options.logger));
  return { app, lifecycle, logger: options.logger };
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
