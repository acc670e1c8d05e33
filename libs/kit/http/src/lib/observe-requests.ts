import { runWithRequestContext, type Logger } from '@mosaic/kit-log';
import type { Telemetry } from '@mosaic/kit-telemetry';
import type { RequestHandler } from 'express';
import { HttpRequestContext, requestIdOf } from './request-context';
import { fullPathOf, type RouteTable } from './route-table';

/** What is recorded of each answered request: the duration histogram and the access log line. */
export type RecordRequest = (method: string, route: string, path: string, status: number, startedMs: number, context: HttpRequestContext) => void;

/**
 * A duration histogram (and so a count) by method, full route template (never the raw
 * path; see RouteTable) and status, and an access log line at info naming both, with
 * the request and trace ids. Express routes and fast routes record through the same one.
 */
export function requestRecorder(logger: Logger, telemetry?: Telemetry): RecordRequest {
  const durations = telemetry?.requestDurations;
  return (method, route, path, status, startedMs, context) => {
    const seconds = (performance.now() - startedMs) / 1e3;
    durations?.record(method, route, status, seconds);
    if (logger.isLevelEnabled('info')) {
      runWithRequestContext(context, () => logger.info({ method, route, path, status, durationMs: Math.round(seconds * 1e5) / 100 }, 'request'));
    }
  };
}

/**
 * Everything a server wants to know about each request, in one layer and one
 * `finish` listener (it runs on every request, so it is kept lean): an id echoed in
 * X-Request-Id, a context that puts request and trace ids on every log line, and the
 * recorder above.
 */
export function observeRequests(record: RecordRequest, routes: RouteTable): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const context = new HttpRequestContext(requestIdOf(req.headers), req.headers.traceparent);
    res.setHeader('X-Request-Id', context.requestId);
    // `finish` fires once per response, so a plain listener does without once()'s wrapper.
    // It fires inside the router that answered, where `req.path` has lost the router's mount path.
    res.on('finish', () => {
      const named: unknown = res.locals.route;
      record(req.method, typeof named === 'string' ? named : routes.templateOf(req), fullPathOf(req), res.statusCode, started, context);
    });
    runWithRequestContext(context, next);
  };
}
