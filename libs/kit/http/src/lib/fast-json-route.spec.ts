import { request as httpRequest } from 'node:http';
import { AppError, invalid } from '@mosaic/kit-core';
import { initTelemetry } from '@mosaic/kit-telemetry';
import { capturedLogger } from '../test-support/captured-logger';
import type { ErrorRequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildHttpApp, defineRoute, fastJsonRoute, startServer, type JsonAnswer, type RunningServer } from '../index';

const { logger, lines: logLines } = capturedLogger('fast-json-route-test');
const telemetry = initTelemetry({ serviceName: 'kit-http-fast-json-route-test' });

const body = z.object({ name: z.string().min(1), count: z.number().int().optional() });
/** Requests the fast route took (whoever then answered them). */
let claimed = 0;

/** One handler for both paths; the name picks an outcome. */
async function handler(input: z.output<typeof body>): Promise<unknown> {
  logger.info({ name: input.name }, 'inside the handler');
  if (input.name === 'refused') throw invalid('refused', 'the name is refused', { details: [{ path: 'name', message: 'refused' }] });
  if (input.name === 'busy') throw new AppError('unavailable', 'busy', 'try again', { retryAfterSeconds: 2 });
  if (input.name === 'broken') throw new Error('a bug');
  await new Promise((resolve) => setImmediate(resolve));
  return { hello: input.name, count: input.count ?? 0, tags: ['a', 'é'] };
}

/** The route's own error mapping, as its router's error middleware maps errors. */
const routeError = (error: unknown): JsonAnswer | undefined =>
  error instanceof AppError && error.status < 500 ? { status: error.status, body: { message: error.message, error: error.toJSON() } } : undefined;
const routeErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const answer = routeError(error);
  if (answer === undefined) return next(error);
  res.status(answer.status).json(answer.body);
};

const route = fastJsonRoute({
  method: 'POST',
  path: '/fast/items',
  body,
  maxBytes: 1024,
  error: routeError,
  handle: (_req, { body: input }) => handler(input),
});

const http = buildHttpApp({
  logger,
  telemetry,
  fastRoutes: [
    {
      ...route,
      handle: (req, res, params, fail) => {
        const took = route.handle(req, res, params, fail);
        if (took) claimed++;
        return took;
      },
    },
  ],
  mount: (app) => {
    // The same route on express under both paths: the reference, and what the fast route leaves to express.
    for (const path of ['/express/items', '/fast/items']) {
      defineRoute(app, { method: 'post', path, summary: 'items', request: { body } }, async (_req, res, { body: input }) => {
        res.json(await handler(input));
      });
    }
    app.use(routeErrors);
  },
});

let server: RunningServer;
beforeAll(async () => {
  server = await startServer(http, { port: 0, host: '127.0.0.1', exitOnSignal: false });
});
afterAll(async () => {
  await server.shutdown('test over');
  await telemetry.shutdown();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A raw request, so the test controls every header and byte of the body. */
function send(path: string, payload: string | Buffer | undefined, headers: Record<string, string> = {}, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (payload !== undefined && !chunked) req.setHeader('Content-Length', Buffer.byteLength(payload));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
/** Headers as a client compares them: without the date, and the request id when it is generated. */
const comparable = (answer: Answer, keepRequestId = true) => {
  const { date: _date, 'x-request-id': requestId, ...rest } = answer.headers;
  return keepRequestId ? { ...rest, 'x-request-id': requestId } : rest;
};

/** The same request on both paths: what the fast route answers and what express answers. */
async function both(payload: string | Buffer, headers: Record<string, string> = JSON_TYPE) {
  const before = claimed;
  const viaFast = await send('/fast/items', payload, { 'X-Request-Id': 'same-id', ...headers });
  const taken = claimed - before;
  const viaExpress = await send('/express/items', payload, { 'X-Request-Id': 'same-id', ...headers });
  return { viaFast, viaExpress, taken };
}

describe('fast JSON routes', () => {
  it('answers a valid body byte for byte as the express route does', async () => {
    for (const payload of ['{"name":"ada","count":3}', '\ufeff  {"name":"bom"}', '{"name":"x","extra":true}']) {
      const { viaFast, viaExpress, taken } = await both(payload);
      expect(taken).toBe(1);
      expect(viaFast.status).toBe(200);
      expect(viaFast.text).toBe(viaExpress.text);
      expect(comparable(viaFast)).toEqual(comparable(viaExpress));
    }
    expect(JSON.parse((await send('/fast/items', '{"name":"ada"}', { 'Content-Type': 'application/json; charset=UTF-8' })).text)).toEqual({
      hello: 'ada',
      count: 0,
      tags: ['a', 'é'],
    });
  });

  it('answers malformed JSON, a mismatch with the schema and refusals with the same statuses, headers and bodies', async () => {
    for (const payload of ['{"name":', '"just a string"', '   ', '[1,2]', '{"count":"three"}', '{"name":"refused"}', '{"name":"busy"}']) {
      const { viaFast, viaExpress, taken } = await both(payload);
      expect(taken).toBe(1);
      expect([viaFast.status, viaFast.text]).toEqual([viaExpress.status, viaExpress.text]);
      expect(comparable(viaFast)).toEqual(comparable(viaExpress));
    }
    const malformed = await send('/fast/items', '{"name":', JSON_TYPE);
    expect([malformed.status, JSON.parse(malformed.text)]).toEqual([400, { error: { code: 'malformed_json', message: 'Request body is not valid JSON' } }]);
    const busy = await send('/fast/items', '{"name":"busy"}', JSON_TYPE);
    expect([busy.status, busy.headers['retry-after']]).toEqual([503, '2']);
  });

  it('answers and logs a server error as the server does, with the request id', async () => {
    const { viaFast, viaExpress } = await both('{"name":"broken"}', { ...JSON_TYPE, 'X-Request-Id': 'broken-1' });
    expect(viaFast.status).toBe(500);
    expect(JSON.parse(viaFast.text)).toEqual({ error: { code: 'internal', message: 'Internal server error', requestId: 'broken-1' } });
    expect(viaFast.text).toBe(viaExpress.text);
    const logged = logLines.filter((line) => line.msg === 'unhandled error' && line.requestId === 'broken-1');
    expect(logged.map(({ method, route, path }) => ({ method, route, path }))).toEqual([
      { method: 'POST', route: '/fast/items', path: '/fast/items' },
      { method: 'POST', route: '/express/items', path: '/express/items' },
    ]);
  });

  it('keeps the log context across the body, and writes the access log line and metrics under the template', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await send('/fast/items', '{"name":"logged"}', { ...JSON_TYPE, 'X-Request-Id': 'log-fast', traceparent });
    const lines = logLines.filter((line) => line.requestId === 'log-fast');
    expect(lines.map((line) => line.msg)).toEqual(['inside the handler', 'request']);
    expect(lines[0]?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(lines[1]).toMatchObject({ method: 'POST', route: '/fast/items', path: '/fast/items', status: 200 });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/http_server_request_duration_seconds_count\{[^}]*route="\/fast\/items"[^}]*status="200"[^}]*\} [1-9]/);
  });

  it('leaves every request it does not take plainly to express, which answers it as before', async () => {
    const cases: [string | Buffer, Record<string, string>, boolean][] = [
      ['{"name":"plain"}', { 'Content-Type': 'text/plain' }, false],
      ['{"name":"latin"}', { 'Content-Type': 'application/json; charset=latin1' }, false],
      ['{"name":"json-api"}', { 'Content-Type': 'application/vnd.api+json' }, false],
      ['{"name":"chunked"}', JSON_TYPE, true],
      [`{"name":"${'x'.repeat(2000)}"}`, JSON_TYPE, false],
      ['', JSON_TYPE, false],
    ];
    for (const [payload, headers, chunked] of cases) {
      const before = claimed;
      const viaFast = await send('/fast/items', payload, headers, chunked);
      const viaExpress = await send('/express/items', payload, headers, chunked);
      expect(claimed).toBe(before);
      expect([viaFast.status, viaFast.text]).toEqual([viaExpress.status, viaExpress.text]);
    }
  });

  it('lets a client go away mid-body without an answer or a crash, and keeps serving', async () => {
    const before = claimed;
    await new Promise<void>((resolve) => {
      const req = httpRequest(`${server.url}/fast/items`, { method: 'POST', headers: { ...JSON_TYPE, 'Content-Length': '100' } });
      req.on('error', () => resolve());
      req.write('{"name":"gone"');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    // The server reads the request whenever it gets to it: wait for that, not for a fixed time.
    await expect.poll(() => claimed).toBe(before + 1);
    expect((await send('/fast/items', '{"name":"after"}', JSON_TYPE)).status).toBe(200);
  });
});
