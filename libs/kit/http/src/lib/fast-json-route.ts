import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalid } from '@mosaic/kit-core';
import { currentRequestContext, runWithRequestContext } from '@mosaic/kit-log';
import type { z } from 'zod';
import type { JsonAnswer } from './error-handler';
import type { HandlingFastRoute } from './fast-path';
import { parseRequest } from './validation';

export interface FastJsonRouteOptions<Body extends z.ZodType> {
  /** A method with a JSON body. */
  readonly method: 'POST' | 'PUT' | 'PATCH';
  /**
   * The template, as the express route it stands in for is defined on its router
   * (`/orders`); `mountFastRoutes` puts it under the router's mount path.
   */
  readonly path: string;
  /** The express route's body schema: the same 400 `validation_failed` on a mismatch. */
  readonly body: Body;
  /**
   * Larger bodies go to express. At most the app's `bodyLimit`, so express would have
   * parsed every body taken here; default 16 KiB.
   */
  readonly maxBytes?: number;
  /** The answer to a valid request: the 200 JSON body. */
  handle(req: IncomingMessage, input: { params: Readonly<Record<string, string>>; body: z.output<Body> }): Promise<unknown>;
  /**
   * The route's own error mapping, as error middleware on its express router maps them
   * (validation and handler errors only; a malformed body never reaches a router);
   * undefined leaves the error to the server's error answer.
   */
  error?(error: unknown): JsonAnswer | undefined;
}

const DEFAULT_MAX_BYTES = 16 * 1024;
// The one media type taken, as body-parser reads it: JSON in UTF-8. Anything else (other charsets, odd parameters) goes to express.
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;
const DIGITS = /^[0-9]{1,9}$/;
// body-parser's strict mode: the first character that is not JSON whitespace opens an object or an array.
const STRICT_START = /^[ \t\n\r]*[{[]/;

/**
 * A JSON route answered ahead of express (see FastRoute): what the express route does
 * — the JSON body parsed as `express.json()` parses it, validated with the same
 * schema, the same handler, the same answer and error shapes — without express's
 * dispatch, for the few writes that must be cheap. It claims only a plain request: a
 * JSON content type in UTF-8, a Content-Length of 1 to `maxBytes` bytes, no transfer
 * or content encoding; every other request (empty, chunked, compressed, too large,
 * another media type) goes to express, which answers it as it always has.
 */
export function fastJsonRoute<Body extends z.ZodType>(options: FastJsonRouteOptions<Body>): HandlingFastRoute {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // Errors without an answer of the route's own go to the fast path's `fail`: the error
  // handler's answer, logged under the template the route is mounted at.
  const fail = (res: ServerResponse, failed: (error: unknown) => void, error: unknown, routeError: boolean): void => {
    const answer = routeError ? options.error?.(error) : undefined;
    if (answer === undefined) failed(error);
    else sendJson(res, answer);
  };
  const answer = async (
    req: IncomingMessage,
    res: ServerResponse,
    params: Readonly<Record<string, string>>,
    data: Buffer,
    failed: (error: unknown) => void,
  ): Promise<void> => {
    let parsed: unknown;
    try {
      parsed = parseJsonBody(data);
    } catch (error) {
      return fail(res, failed, error, false);
    }
    try {
      const body = await options.handle(req, { params, body: parseRequest(options.body, parsed, 'body') });
      sendJson(res, { status: 200, body });
    } catch (error) {
      fail(res, failed, error, true);
    }
  };
  return {
    method: options.method,
    path: options.path,
    handle(req, res, params, failed) {
      const headers = req.headers;
      const length = headers['content-length'];
      if (length === undefined || !DIGITS.test(length) || headers['transfer-encoding'] !== undefined || headers['content-encoding'] !== undefined) return false;
      const bytes = Number(length);
      if (bytes === 0 || bytes > maxBytes || !PLAIN_JSON.test(headers['content-type'] ?? '')) return false;
      // The body arrives in later turns of the event loop: its handling keeps this request's log context.
      const context = currentRequestContext();
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A client that went away mid-body has nobody to answer; the connection is already gone.
      req.on('error', () => undefined);
      req.on('end', () => {
        const data = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
        const run = () => answer(req, res, params, data, failed);
        void (context === undefined ? run() : runWithRequestContext(context, run));
      });
      return true;
    },
  };
}

/** The body as `express.json()` reads it (UTF-8, a byte-order mark dropped, strict), or the 400 body-parser's error maps to. */
function parseJsonBody(data: Buffer): unknown {
  let text = data.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (STRICT_START.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Same answer as below.
    }
  }
  throw invalid('malformed_json', 'Request body is not valid JSON');
}

/**
 * Sends a JSON answer byte for byte as express's `res.status().json()` does: the
 * same Content-Type, Content-Length and weak ETag (express's default `etag fn`).
 */
export function sendJson(res: ServerResponse, answer: JsonAnswer): void {
  const data = Buffer.from(JSON.stringify(answer.body), 'utf8');
  res.statusCode = answer.status;
  if (answer.headers !== undefined) for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', data.length);
  res.setHeader('ETag', `W/"${data.length.toString(16)}-${createHash('sha1').update(data).digest('base64').slice(0, 27)}"`);
  res.end(data);
}
