import { AppError, isAppError } from '@mosaic/kit-core';
import { currentRequestContext, type Logger } from '@mosaic/kit-log';
import type { ServerResponse } from 'node:http';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { RouteTable } from './route-table';

/** The only error body any Mosaic server sends. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** body-parser's and express's own client errors, by their `type`. */
const CLIENT_ERRORS: Record<string, { code: string; message: string }> = {
  'entity.parse.failed': { code: 'malformed_json', message: 'Request body is not valid JSON' },
  'entity.too.large': { code: 'payload_too_large', message: 'Request body is too large' },
  'encoding.unsupported': { code: 'unsupported_encoding', message: 'Unsupported content encoding' },
  'charset.unsupported': { code: 'unsupported_charset', message: 'Unsupported charset' },
  'request.aborted': { code: 'request_aborted', message: 'Request aborted by the client' },
  'request.size.invalid': { code: 'invalid_request_size', message: 'Request size did not match Content-Length' },
};

/** No route answered: a 405 naming the allowed methods when the path is known, else a 404. */
export function notFoundHandler(routes?: RouteTable): RequestHandler {
  return (req, res, next) => {
    const allowed = routes?.allowedMethods(req);
    if (!allowed) return next(new AppError('not_found', 'route_not_found', `No route for ${req.method} ${req.path}`));
    res.setHeader('Allow', allowed.join(', '));
    next(
      new AppError('method_not_allowed', 'method_not_allowed', `${req.method} is not allowed on ${req.path}; allowed: ${allowed.join(', ')}`, {
        details: { allow: allowed },
      }),
    );
  };
}

export function errorHandler(logger: Logger, routes?: RouteTable): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    sendError(logger, error, res, { method: req.method, route: routes?.templateOf(req), path: req.path });
  };
}

/** Where a failed request was going: its method, route template and path, for the 5xx log line. */
export interface FailedRequest {
  readonly method: string;
  readonly route?: string;
  readonly path: string;
}

/**
 * Answers `error` as every Mosaic route does: an AppError (or a client error of express's
 * own) with its status, code and Retry-After; anything else a 500 `internal`. A 5xx is
 * logged with its cause and answers the request id. The headers must not be sent yet.
 */
export function sendError(logger: Logger, error: unknown, res: ServerResponse | Response, request: FailedRequest): void {
  const known = toAppError(error);
  const requestId = currentRequestContext()?.requestId;
  if (known) {
    if (known.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(known.retryAfterSeconds))));
    if (known.status >= 500) logger.error({ err: error, method: request.method, route: request.route, path: request.path }, known.message);
    sendJson(res, known.status, { error: { ...known.toJSON(), ...(known.status >= 500 ? { requestId } : {}) } } satisfies ErrorBody);
    return;
  }
  logger.error({ err: error, method: request.method, route: request.route, path: request.path }, 'unhandled error');
  sendJson(res, 500, { error: { code: 'internal', message: 'Internal server error', requestId } } satisfies ErrorBody);
}

/** Through express's `res.json` when it is express's response; the same status, type and body on a bare one (a fast route's). */
function sendJson(res: ServerResponse | Response, status: number, body: unknown): void {
  if ('json' in res) {
    res.status(status).json(body);
    return;
  }
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

function toAppError(error: unknown): AppError | undefined {
  if (isAppError(error)) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, type, expose } = error as { status?: number; type?: string; expose?: boolean };
  if (typeof status !== 'number' || status < 400 || status >= 500 || expose === false) return undefined;
  const known = (type && CLIENT_ERRORS[type]) || { code: 'bad_request', message: (error as Error).message || 'Bad request' };
  const kind = status === 413 ? 'too_large' : status === 404 ? 'not_found' : 'invalid';
  const mapped = new AppError(kind, known.code, known.message, { cause: error });
  // Keep statuses like 415 that have no kind of their own.
  return status === mapped.status ? mapped : Object.defineProperty(mapped, 'status', { value: status });
}
