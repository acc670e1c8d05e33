import { randomBytes, randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import type { RequestContext } from '@mosaic/kit-log';
import type { IncomingHttpHeaders } from 'node:http';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

// Request ids need to be unique, not secret: a random prefix per process and a
// counter cost far less per request than a UUID.
const PROCESS_PREFIX = randomBytes(6).toString('base64url');
let sequence = 0;

/** The caller's X-Request-Id when it is sane, else a fresh one. */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const incoming = headers['x-request-id'];
  if (typeof incoming === 'string' && REQUEST_ID.test(incoming)) return incoming;
  sequence = (sequence + 1) % Number.MAX_SAFE_INTEGER;
  return `${PROCESS_PREFIX}-${sequence.toString(36)}`;
}

/**
 * A request's ids for its log lines. The trace id is the active span's, the caller's
 * traceparent, or a fresh one — worked out only when a line is actually written,
 * since most requests of a quiet server log nothing.
 */
export class HttpRequestContext implements RequestContext {
  private trace: string | undefined;

  constructor(
    readonly requestId: string,
    private readonly traceparent: string | string[] | undefined,
  ) {}

  get traceId(): string {
    this.trace ??= traceIdOf(this.traceparent);
    return this.trace;
  }
}

function traceIdOf(traceparent: string | string[] | undefined): string {
  const active = trace.getActiveSpan()?.spanContext().traceId;
  if (active && !/^0+$/.test(active)) return active;
  const match = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent) : null;
  // randomUUID draws from a cached entropy pool; 122 random bits are plenty for a trace id.
  return match?.[1] ?? randomUUID().replace(/-/g, '');
}
