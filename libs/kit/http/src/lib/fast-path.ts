import { runWithRequestContext, type Logger } from '@mosaic/kit-log';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { errorAnswer } from './error-handler';
import { sendJson } from './fast-json-route';
import type { RecordRequest } from './observe-requests';
import { HttpRequestContext, requestIdOf } from './request-context';
import { applySecurityHeaders, type SecurityHeaderSet } from './security-headers';

interface FastRouteShape {
  /** The one method claimed; HEAD is its own method here, left to express. */
  readonly method: string;
  /**
   * The template, as on express (`/:code`, `/links/:id`): literal segments and `:name`
   * segments. It names the route in metrics and logs, as express's route would.
   */
  readonly path: string;
}

/**
 * A route answered ahead of express, for the few requests that must be cheap (a cached
 * redirect): express's dispatch costs several times what the answer itself does. The
 * same route must also be mounted on express, which answers every request the fast
 * route does not claim. It either writes its answer itself (`handle`) or, when the
 * answer is known at once and has no body, returns it (`answer`), the cheaper of the two.
 */
export type FastRoute = HandlingFastRoute | AnsweringFastRoute;

/** A fast route that writes its answer to the response, now or later. */
export interface HandlingFastRoute extends FastRouteShape {
  /**
   * Answers and returns true, or returns false without writing to `res`: the request
   * then goes to express unchanged. Runs inside the request's log context, after the
   * request id and security headers are set. A route that claimed the request and then
   * fails (its answer is asynchronous) calls `fail`: the error is answered as express's
   * error handler answers it (status, code, Retry-After, the 5xx log line).
   */
  handle(req: IncomingMessage, res: ServerResponse, params: Readonly<Record<string, string>>, fail: (error: unknown) => void): boolean;
  readonly answer?: never;
}

/**
 * A fast route whose answer is known synchronously and has an empty body (a redirect).
 * The head is written in one `writeHead` with the request id and security headers from
 * a prepared list, instead of one validated, stored and re-read `setHeader` per header.
 */
export interface AnsweringFastRoute extends FastRouteShape {
  /** The answer, or undefined to leave the request to express. Runs inside the request's log context. */
  answer(params: Readonly<Record<string, string>>): FastAnswer | undefined;
  readonly handle?: never;
}

export interface FastAnswer {
  readonly status: number;
  /** The route's own headers as name, value, name, value… (`Location`, `Cache-Control`). */
  readonly headers: readonly string[];
}

export interface FastPathOptions {
  readonly routes: readonly FastRoute[];
  readonly record: RecordRequest;
  /** Logs the 5xx a route fails with, as the error handler does. */
  readonly logger: Logger;
  readonly securityHeaders: SecurityHeaderSet;
  /** Express's compiled `trust proxy fn`, so HSTS follows the same rule as `req.secure`. */
  readonly trustProxy: (address: string | undefined, hop: number) => boolean;
  /** Express: every request no fast route claims. */
  readonly fallback: RequestListener;
}

// A parameter is claimed only in plain characters: anything percent-encoded or
// otherwise odd goes to express, which decodes and validates it.
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]+$/;
// The operational endpoints answer in express's first layer; a `/:name` route never takes them.
const OPERATIONAL = new Set(['/health', '/ready', '/metrics']);

interface CompiledRoute {
  readonly route: FastRoute;
  readonly method: string;
  /** Per segment: the parameter name, or the literal text prefixed by "/". */
  readonly segments: readonly string[];
}

/**
 * The server's request listener: a request whose method and path shape a fast route
 * claims is answered here with what every express route gets — the request id, the
 * security headers, the request context on log lines, the duration histogram under the
 * route's template and the access log line — and graceful shutdown counts it alike, as
 * it holds its connection open until answered on the same server. Everything else
 * (and whatever the route declines) goes to `fallback` untouched.
 */
export function fastPath(options: FastPathOptions): RequestListener {
  const compiled = options.routes.map(compile);
  if (compiled.length === 0) return options.fallback;
  const { record, securityHeaders, trustProxy, fallback, logger } = options;
  // Name, value, name, value…: the request id's value (index 1) is filled in per request.
  const headOverPlain = ['X-Request-Id', '', ...securityHeaders.always.flat()];
  const headOverTls = [...headOverPlain, ...securityHeaders.overTls];
  return (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (OPERATIONAL.has(path)) return fallback(req, res);
    for (const candidate of compiled) {
      if (candidate.method !== req.method) continue;
      const params = match(candidate.segments, path);
      if (params === undefined) continue;
      if (answer(candidate.route, params, path, req, res)) return;
    }
    fallback(req, res);
  };

  function failed(error: unknown, route: FastRoute, path: string, req: IncomingMessage, res: ServerResponse): void {
    if (res.headersSent) res.destroy(error instanceof Error ? error : undefined);
    else
      sendJson(
        res,
        errorAnswer(error, logger, () => ({ method: req.method as string, route: route.path, path })),
      );
  }

  /**
   * The head of an answer: what express's entry layer sets (request id, security headers),
   * the route's headers, and the Content-Length: 0 that `end()` would add on its own.
   */
  function head(answered: FastAnswer, requestId: string, secure: boolean): string[] {
    const headers = (secure ? headOverTls : headOverPlain).slice();
    headers[1] = requestId;
    for (const entry of answered.headers) headers.push(entry);
    if (answered.status !== 204 && answered.status !== 304) headers.push('Content-Length', '0');
    return headers;
  }

  function answer(route: FastRoute, params: Record<string, string>, path: string, req: IncomingMessage, res: ServerResponse): boolean {
    const started = performance.now();
    const context = new HttpRequestContext(requestIdOf(req.headers), req.headers.traceparent);
    try {
      return answerIn(context, started, route, params, path, req, res);
    } catch (error) {
      // A route (or Node, refusing a header value) that throws must not escape the request
      // listener and take the process down: the request gets express's 500 instead.
      if (!res.headersSent) res.setHeader('X-Request-Id', context.requestId);
      runWithRequestContext(context, () => failed(error, route, path, req, res));
      if (res.writableEnded) record(req.method as string, route.path, path, res.statusCode, started, context);
      return true;
    }
  }

  function answerIn(
    context: HttpRequestContext,
    started: number,
    route: FastRoute,
    params: Record<string, string>,
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): boolean {
    if (isAnswering(route)) {
      const answering = route;
      const answered = runWithRequestContext(context, () => answering.answer(params));
      if (!answered) return false;
      res.writeHead(answered.status, head(answered, context.requestId, isSecure(req, trustProxy)));
      res.end();
      record(req.method as string, route.path, path, res.statusCode, started, context);
      return true;
    }
    res.setHeader('X-Request-Id', context.requestId);
    applySecurityHeaders(res, securityHeaders, isSecure(req, trustProxy));
    // Per request, this allocates no named closure (tsx and keep-names builds wrap each in
    // a defineProperty call) and adds no `finish` listener unless the answer is still to
    // come: a profile of the cached redirect put them at a few per cent of its CPU.
    const handling: HandlingFastRoute = route;
    const claimed = runWithRequestContext(context, () => handling.handle(req, res, params, (error: unknown) => failed(error, route, path, req, res)));
    // Declined: express sets the same headers again and observes the request itself.
    if (!claimed) return false;
    // Answered synchronously (a cached redirect): `end()` has handed the response to the
    // socket, so it is recorded now rather than by a `finish` listener a tick later.
    if (res.writableEnded) record(req.method as string, route.path, path, res.statusCode, started, context);
    else res.on('finish', () => record(req.method as string, route.path, path, res.statusCode, started, context));
    return true;
  }
}

function isAnswering(route: FastRoute): route is AnsweringFastRoute {
  return route.answer !== undefined;
}

function compile(route: FastRoute): CompiledRoute {
  if (!route.path.startsWith('/')) throw new TypeError(`a fast route's path starts with "/", got "${route.path}"`);
  const segments = route.path
    .slice(1)
    .split('/')
    .map((segment) => (segment.startsWith(':') ? segment.slice(1) : `/${segment}`));
  if (segments.some((segment) => segment === '' || segment === '/')) throw new TypeError(`a fast route's path has no empty segments, got "${route.path}"`);
  return { route, method: route.method.toUpperCase(), segments };
}

function match(segments: readonly string[], path: string): Record<string, string> | undefined {
  const parts = path.slice(1).split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const segment = segments[i] as string;
    if (!PLAIN_SEGMENT.test(part)) return undefined;
    if (segment.startsWith('/')) {
      if (segment.slice(1) !== part) return undefined;
    } else params[segment] = part;
  }
  return params;
}

/** `req.secure` as express works it out (request.js `protocol`), without an express request. */
function isSecure(req: IncomingMessage, trustProxy: FastPathOptions['trustProxy']): boolean {
  const proto = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  if (!trustProxy(req.socket.remoteAddress, 0)) return proto === 'https';
  const forwarded = req.headers['x-forwarded-proto'];
  const header = (Array.isArray(forwarded) ? forwarded.join(', ') : forwarded) || proto;
  const comma = header.indexOf(',');
  return (comma === -1 ? header : header.slice(0, comma)).trim() === 'https';
}
