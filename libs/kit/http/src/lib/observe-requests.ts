import { ROOT_CONTEXT } from '@opentelemetry/api';
import { runWithRequestContext, type Logger } from '@mosaic/kit-log';
import type { Telemetry } from '@mosaic/kit-telemetry';
import type { Request, RequestHandler } from 'express';
import { HttpRequestContext, requestIdOf } from './request-context';

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Everything a server wants to know about each request, in one layer and one
 * `finish` listener (it runs on every request, so it is kept lean): an id echoed in
 * X-Request-Id, a context that puts request and trace ids on every log line, a
 * duration histogram (and so a count) by method, route pattern (never the raw path)
 * and status, and an access log line at info.
 */
export function observeRequests(logger: Logger, telemetry?: Telemetry): RequestHandler {
  // One histogram: its `_count` series is the request count by the same labels, so a
  // separate counter would only double the work on every request.
  const duration = telemetry?.meter.createHistogram('http_server_request_duration_seconds', {
    description: 'HTTP request duration',
    unit: 's',
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  return (req, res, next) => {
    const started = performance.now();
    const context = new HttpRequestContext(requestIdOf(req.headers), req.headers.traceparent);
    res.setHeader('X-Request-Id', context.requestId);
    // `finish` fires once per response, so a plain listener does without once()'s wrapper.
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1e3;
      // The root context: no exemplars are kept, so the active-context lookup is wasted work.
      duration?.record(seconds, { method: req.method, route: routeOf(req, res.locals.route), status: String(res.statusCode) }, ROOT_CONTEXT);
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
