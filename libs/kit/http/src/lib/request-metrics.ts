import type { Meter } from '@opentelemetry/api';
import type { Request, RequestHandler } from 'express';

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Request count and duration by method, route pattern (never the raw path) and status. */
export function requestMetrics(meter: Meter): RequestHandler {
  const requests = meter.createCounter('http_server_requests', { description: 'HTTP requests handled' });
  const duration = meter.createHistogram('http_server_request_duration_seconds', {
    description: 'HTTP request duration',
    unit: 's',
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const attributes = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
      requests.add(1, attributes);
      duration.record(Number(process.hrtime.bigint() - started) / 1e9, attributes);
    });
    next();
  };
}

function routeOf(req: Request): string {
  const pattern = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}` || '/';
  return req.baseUrl || 'unmatched';
}
