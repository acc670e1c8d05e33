import { runWithRequestContext, type Logger } from '@mosaic/kit-log';
import type { Telemetry } from '@mosaic/kit-telemetry';
import type { RequestHandler } from 'express';
import { HttpRequestContext, requestIdOf } from './request-context';
import type { RouteTable } from './route-table';

/**
 * Everything a server wants to know about each request, in one layer and one
 * `finish` listener (it runs on every request, so it is kept lean): an id echoed in
 * X-Request-Id, a context that puts request and trace ids on every log line, a
 * duration histogram (and so a count) by method, full route template (never the raw
 * path; see RouteTable) and status, and an access log line at info naming both.
 */
export function observeRequests(logger: Logger, routes: RouteTable, telemetry?: Telemetry): RequestHandler {
  const durations = telemetry?.requestDurations;
  return (req, res, next) => {
    const started = performance.now();
    const context = new HttpRequestContext(requestIdOf(req.headers), req.headers.traceparent);
    res.setHeader('X-Request-Id', context.requestId);
    // `finish` fires once per response, so a plain listener does without once()'s wrapper.
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1e3;
      const named: unknown = res.locals.route;
      const route = typeof named === 'string' ? named : routes.templateOf(req);
      durations?.record(req.method, route, res.statusCode, seconds);
      if (logger.isLevelEnabled('info')) {
        runWithRequestContext(context, () =>
          logger.info({ method: req.method, route, path: req.path, status: res.statusCode, durationMs: Math.round(seconds * 1e5) / 100 }, 'request'),
        );
      }
    });
    runWithRequestContext(context, next);
  };
}
