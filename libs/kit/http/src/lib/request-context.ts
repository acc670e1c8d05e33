import { randomBytes, randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import { runWithRequestContext } from '@mosaic/kit-log';
import type { RequestHandler } from 'express';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it is sane) and a
 * trace id (the active span's, the caller's traceparent, or a fresh one), and runs
 * the rest of the chain inside that context so every log line carries both.
 */
export function requestContext(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    runWithRequestContext({ requestId, traceId: traceIdOf(req.headers.traceparent) }, next);
  };
}

function traceIdOf(traceparent: string | string[] | undefined): string {
  const active = trace.getActiveSpan()?.spanContext().traceId;
  if (active && !/^0+$/.test(active)) return active;
  const match = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent) : null;
  return match?.[1] ?? randomBytes(16).toString('hex');
}
