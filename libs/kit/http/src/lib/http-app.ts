import type { Resource } from '@mosaic/kit-core';
import type { Logger } from '@mosaic/kit-log';
import type { Telemetry } from '@mosaic/kit-telemetry';
import express, { type Express } from 'express';
import { accessLog } from './access-log';
import { errorHandler, notFoundHandler } from './error-handler';
import { healthRouter, Lifecycle } from './health';
import { requestContext } from './request-context';
import { requestMetrics } from './request-metrics';

export interface HttpAppOptions {
  logger: Logger;
  telemetry?: Telemetry;
  /** Backends probed by /ready and closed on shutdown, in reverse order. */
  resources?: Resource[];
  /** Largest JSON body accepted; larger ones get 413. */
  bodyLimit?: string | number;
  /** Express `trust proxy`, so req.ip is the client behind a load balancer. */
  trustProxy?: boolean | number | string;
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
  app.use(requestContext());
  if (options.telemetry) {
    app.use(requestMetrics(options.telemetry.meter));
    const { metricsHandler } = options.telemetry;
    app.get('/metrics', (req, res) => metricsHandler(req, res));
  }
  app.use(accessLog(options.logger));
  app.use(express.json({ limit: options.bodyLimit ?? '100kb' }));
  app.use(healthRouter(lifecycle));
  options.mount(app);
  app.use(notFoundHandler());
  app.use(errorHandler(options.logger));
  return { app, lifecycle, logger: options.logger };
}
