import { runWithRequestContext, type Logger } from '@mosaic/kit-log';
import type { Telemetry } from '@mosaic/kit-telemetry';
import type { Request, RequestHandler } from 'express';
import { HttpRequestContext, requestIdOf } from './request-context';

/**
 * Everything a server wants to know about each request, in one layer and one
 * `finish` listener (it runs on every request, so it is kept lean): an id echoed in
 * X-Request-Id, a context that puts request and trace ids on every log line, a
 * duration histogram (and so a count) by method, route pattern (never the raw path)
 * and status, and an access log line at info.
 */
export function observeRequests(logger: Logger, telemetry?: Telemetry): RequestHandler {
  const durations = telemetry?.requestDurations;
  return (req, res, next) => {
    const started = performance.now();
    const context = new HttpRequestContext(requestIdOf(req.headers), req.headers.traceparent);
    res.setHeader('X-Request-Id', context.requestId);
    // `finish` fires once per response, so a plain listener does without once()'s wrapper.
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1e3;
      durations?.record(req.method, routeOf(req, res.locals.route), res.statusCode, seconds);
      if (logger.isLevelEnabled('info')) {
        runWithRequestContext(context, () =>
          logger.info({ method: req.method, path: req.path, status: res.statusCode, durationMs: Math.round(seconds * 1e5) / 100 }, 'request'),
        );
      }
    });
    runWithRequestContext(context, next);
  };
}

function routeOf(req: Request, named: unknown): string {
  if (typeof named === 'string') return named;
  const pattern = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}` || '/';
  return req.baseUrl || 'unmatched';
}
