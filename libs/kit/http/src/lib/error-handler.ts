import { AppError, isAppError } from '@mosaic/kit-core';
import { currentRequestContext, type Logger } from '@mosaic/kit-log';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { OPERATIONAL_PATHS } from './health';
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
    // /health, /ready and /metrics answer GET and HEAD ahead of the router, so the table does not list them
    // (a GET reaching here is /metrics without telemetry: a 404).
    const operational = req.method !== 'GET' && req.method !== 'HEAD' && OPERATIONAL_PATHS.has(req.path);
    if (operational) res.locals.route = req.path;
    const allowed = operational ? ['GET', 'HEAD'] : routes?.allowedMethods(req);
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
    answerWith(
      res,
      errorAnswer(error, logger, () => ({ method: req.method, route: routes?.templateOf(req), path: req.path })),
    );
  };
}

/** Sends a JSON answer through express (a fast route sends it with `sendJson`, byte for byte the same). */
export function answerWith(res: Response, answer: JsonAnswer): void {
  if (answer.headers !== undefined) for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.status(answer.status).json(answer.body);
}

/** A JSON answer: status, extra headers and the body (sent as express's `res.json` sends it). */
export interface JsonAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/**
 * What the server answers for an error, in the one error shape; server errors are
 * logged with where they happened. Express's error handler and fast routes both answer with it.
 */
export function errorAnswer(
  error: unknown,
  logger: Logger,
  where: () => { method: string; route: string | undefined; path: string },
): JsonAnswer & { body: ErrorBody } {
  const known = toAppError(error);
  const requestId = currentRequestContext()?.requestId;
  if (known) {
    const headers = retryAfterHeaders(known);
    if (known.status >= 500) logger.error({ err: error, ...where() }, known.message);
    return { status: known.status, headers, body: { error: { ...known.toJSON(), ...(known.status >= 500 ? { requestId } : {}) } } };
  }
  logger.error({ err: error, ...where() }, 'unhandled error');
  return { status: 500, body: { error: { code: 'internal', message: 'Internal server error', requestId } } };
}

/** `Retry-After` in whole seconds (at least 1) for an error that asks clients to wait; undefined otherwise. */
export function retryAfterHeaders(error: AppError): Record<string, string> | undefined {
  return error.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) };
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
