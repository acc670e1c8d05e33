import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '@mosaic/kit-core';
import { initTelemetry } from '@mosaic/kit-telemetry';
import { capturedLogger, type LogLine } from '../test-support/captured-logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp, startServer, type FastRoute, type RunningServer } from '../index';

const { logger, lines: logLines } = capturedLogger('fast-path-test');
const telemetry = initTelemetry({ serviceName: 'kit-http-fast-path-test' });

// Held answers, for the drain test: released once shutdown has begun.
const held: (() => void)[] = [];
let fastAnswers = 0;

/** The same answer on both paths: a redirect, a log line from inside, or a held answer. */
function respond(res: ServerResponse, id: string): void {
  const send = () => {
    res.statusCode = 302;
    res.setHeader('Location', `https://example.com/${id}`);
    res.end();
  };
  logger.info({ id }, 'inside the handler');
  if (id === 'held') held.push(send);
  else send();
}

/** What a handler fails with after it has claimed the request: an outage, a refusal, a bug. */
function failure(id: string): Error {
  if (id === 'failing-outage') return new AppError('unavailable', 'backend_unavailable', 'The store is away', { retryAfterSeconds: 2 });
  if (id === 'failing-refusal') return new AppError('conflict', 'item_sold', 'Sold');
  return new Error('a bug');
}

const fastRoute: FastRoute = {
  method: 'GET',
  path: '/fast/:id',
  handle(_req: IncomingMessage, res: ServerResponse, params, fail) {
    const id = params.id as string;
    // A cold entry: express answers it.
    if (id === 'cold') return false;
    if (id === 'throwing') throw new Error('a synchronous bug');
    fastAnswers++;
    if (id.startsWith('failing')) {
      setImmediate(() => fail(failure(id)));
      return true;
    }
    respond(res, id);
    return true;
  },
};

/** The same redirect returned rather than written; `cold` is left to express. */
const answeringRoute: FastRoute = {
  method: 'GET',
  path: '/answer/:id',
  answer: (params) => {
    if (params.id === 'cold') return undefined;
    // Node refuses a header value with a line break: writeHead throws.
    const location = params.id === 'bad-header' ? 'https://example.com/\nX-Injected: 1' : `https://example.com/${params.id}`;
    return { status: 302, headers: ['Location', location] };
  },
};

const http = buildHttpApp({
  logger,
  telemetry,
  trustProxy: true,
  fastRoutes: [fastRoute, answeringRoute],
  mount: (app) => {
    // Express serves the same handler under a route of its own, and the fast route's template for what it declines.
    app.get('/express/:id', (req, res, next) =>
      req.params.id.startsWith('failing') ? setImmediate(() => next(failure(req.params.id))) : respond(res, req.params.id),
    );
    for (const path of ['/fast/:id', '/answer/:id']) {
      app.get(path, (req, res) => {
        res.status(404).json({ error: { code: 'cold', message: `express answered ${req.params.id}` } });
      });
    }
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

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${server.url}${path}`, { method, headers, redirect: 'manual' });
const headersOf = (res: Response) => Object.fromEntries([...res.headers].filter(([name]) => name !== 'date' && name !== 'location'));
const linesOf = (requestId: string) => logLines.filter((line) => line.requestId === requestId);
/** A log line without what differs between the two requests by design: time, route, path, duration, request id. */
const comparable = ({ time: _time, route: _route, path: _path, durationMs: _durationMs, requestId: _requestId, ...rest }: LogLine) => rest;
const counted = async (route: string, status: number) => {
  const text = await (await get('/metrics')).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('http_server_request_duration_seconds_count{') && l.includes(`route="${route}"`) && l.includes(`status="${status}"`));
  return line ? Number(line.split(' ').at(-1)) : 0;
};

describe('fast routes', () => {
  it('answers what it claims ahead of express, with the same headers an express route sends', async () => {
    const before = fastAnswers;
    for (const extra of [{}, { 'X-Forwarded-Proto': 'https' }] as Record<string, string>[]) {
      const viaExpress = await get('/express/abc', { 'X-Request-Id': 'same-id', ...extra });
      const viaFast = await get('/fast/abc', { 'X-Request-Id': 'same-id', ...extra });
      expect(viaFast.status).toBe(302);
      expect(viaFast.headers.get('location')).toBe('https://example.com/abc');
      expect(headersOf(viaFast)).toEqual(headersOf(viaExpress));
    }
    expect(fastAnswers).toBe(before + 2);
    // HSTS over TLS (trusted proxy) only, on both paths.
    expect((await get('/fast/abc', { 'X-Forwarded-Proto': 'https' })).headers.get('strict-transport-security')).toMatch(/^max-age=/);
    expect((await get('/fast/abc')).headers.get('strict-transport-security')).toBeNull();
    expect((await get('/fast/abc')).headers.get('content-security-policy')).toBe((await get('/express/abc')).headers.get('content-security-policy'));
  });

  it('answers a failure after the claim as the error handler answers an express route: status, body, Retry-After, the 5xx log line', async () => {
    for (const id of ['failing-outage', 'failing-refusal', 'failing-bug']) {
      const viaExpress = await get(`/express/${id}`, { 'X-Request-Id': `${id}-express` });
      const viaFast = await get(`/fast/${id}`, { 'X-Request-Id': `${id}-fast` });
      expect(viaFast.status).toBe(viaExpress.status);
      expect(viaFast.headers.get('retry-after')).toBe(viaExpress.headers.get('retry-after'));
      expect(viaFast.headers.get('content-type')).toBe(viaExpress.headers.get('content-type'));
      const [fastBody, expressBody] = [
        (await viaFast.json()) as { error: { requestId?: string } },
        (await viaExpress.json()) as { error: { requestId?: string } },
      ];
      expect(fastBody.error.requestId).toBe(expressBody.error.requestId === undefined ? undefined : `${id}-fast`);
      expect({ ...fastBody.error, requestId: undefined }).toEqual({ ...expressBody.error, requestId: undefined });
      const errorLine = (requestId: string) => linesOf(requestId).find((line) => line.level === 50);
      expect(errorLine(`${id}-fast`) !== undefined).toBe(viaExpress.status >= 500);
      if (viaExpress.status >= 500) expect(errorLine(`${id}-fast`)?.route).toBe('/fast/:id');
    }
    expect(await counted('/fast/:id', 503)).toBeGreaterThan(0);
  });

  it('answers a route that throws synchronously with the 500 of the error shape, logged, and goes on serving', async () => {
    for (const path of ['/fast/throwing', '/answer/bad-header']) {
      const res = await get(path, { 'X-Request-Id': `sync-throw-${path.length}` });
      expect(res.status).toBe(500);
      expect(res.headers.get('x-request-id')).toBe(`sync-throw-${path.length}`);
      expect(res.headers.get('x-injected')).toBeNull();
      expect(await res.json()).toEqual({ error: { code: 'internal', message: 'Internal server error', requestId: `sync-throw-${path.length}` } });
      expect(linesOf(`sync-throw-${path.length}`).some((line) => line.level === 50)).toBe(true);
    }
    expect((await get('/fast/after-throw')).status).toBe(302);
  });

  it('echoes a sane request id and makes one up otherwise, as express routes do', async () => {
    for (const path of ['/fast/abc', '/express/abc']) {
      expect((await get(path, { 'X-Request-Id': 'caller-7' })).headers.get('x-request-id')).toBe('caller-7');
      const generated = [
        (await get(path)).headers.get('x-request-id'),
        (await get(path, { 'X-Request-Id': 'bad id with spaces' })).headers.get('x-request-id'),
      ];
      for (const id of generated) expect(id).toMatch(/^[A-Za-z0-9_-]+-[0-9a-z]+$/);
      expect(new Set(generated).size).toBe(2);
    }
  });

  it('writes the same access log line, and puts request and trace ids on lines logged inside', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await get('/express/abc', { 'X-Request-Id': 'log-express', traceparent });
    await get('/fast/abc', { 'X-Request-Id': 'log-fast', traceparent });
    const [viaExpress, viaFast] = [linesOf('log-express'), linesOf('log-fast')];
    expect(viaFast.map((line) => line.msg)).toEqual(['inside the handler', 'request']);
    expect(viaFast.map(comparable)).toEqual(viaExpress.map(comparable));
    expect(viaFast[0]?.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(viaFast[1]).toMatchObject({
      method: 'GET',
      route: '/fast/:id',
      path: '/fast/abc',
      status: 302,
      requestId: 'log-fast',
      traceId: '0af7651916cd43dd8448eb211c80319c',
    });
    expect(viaExpress[1]).toMatchObject({ route: '/express/:id', path: '/express/abc' });
    expect(typeof viaFast[1]?.durationMs).toBe('number');
  });

  it('counts its answers in the duration histogram under the route template', async () => {
    const [fastBefore, expressBefore] = [await counted('/fast/:id', 302), await counted('/express/:id', 302)];
    for (let i = 0; i < 3; i++) {
      await get(`/fast/n${i}`);
      await get(`/express/n${i}`);
    }
    expect(await counted('/fast/:id', 302)).toBe(fastBefore + 3);
    expect(await counted('/express/:id', 302)).toBe(expressBefore + 3);
  });

  it('hands declined, HEAD, odd and other paths to express unchanged, observed once', async () => {
    const before = fastAnswers;
    const cold = await get('/fast/cold', { 'X-Request-Id': 'declined' });
    expect(cold.status).toBe(404);
    expect(await cold.json()).toEqual({ error: { code: 'cold', message: 'express answered cold' } });
    expect(linesOf('declined').map((line) => [line.msg, line.route])).toEqual([['request', '/fast/:id']]);
    expect(await counted('/fast/:id', 404)).toBe(1);

    expect((await get('/fast/abc', {}, 'HEAD')).status).toBe(404);
    expect((await get('/fast/a%20b')).status).toBe(404);
    expect((await get('/fast/abc/')).status).toBe(404);
    expect((await get('/fast/abc/more')).status).toBe(404);
    expect((await get('/health')).status).toBe(200);
    expect(fastAnswers).toBe(before);
  });

  it('sends a returned answer with the head, access log line and histogram count of an express route', async () => {
    for (const extra of [{}, { 'X-Forwarded-Proto': 'https' }] as Record<string, string>[]) {
      const viaExpress = await get('/express/abc', { 'X-Request-Id': 'same-id', ...extra });
      const viaAnswer = await get('/answer/abc', { 'X-Request-Id': 'same-id', ...extra });
      expect([viaAnswer.status, viaAnswer.headers.get('location')]).toEqual([302, 'https://example.com/abc']);
      expect(headersOf(viaAnswer)).toEqual(headersOf(viaExpress));
      expect(await viaAnswer.text()).toBe('');
    }
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await get('/express/abc', { 'X-Request-Id': 'answer-express', traceparent });
    await get('/answer/abc', { 'X-Request-Id': 'answer-fast', traceparent });
    const [accessLine, reference] = [linesOf('answer-fast').at(-1), linesOf('answer-express').at(-1)];
    expect(accessLine).toMatchObject({ msg: 'request', route: '/answer/:id', path: '/answer/abc', status: 302 });
    expect(comparable(accessLine as LogLine)).toEqual(comparable(reference as LogLine));
    const before = await counted('/answer/:id', 302);
    await get('/answer/again');
    expect(await counted('/answer/:id', 302)).toBe(before + 1);

    const cold = await get('/answer/cold', { 'X-Request-Id': 'answer-declined' });
    expect(await cold.json()).toEqual({ error: { code: 'cold', message: 'express answered cold' } });
    expect(linesOf('answer-declined').map((line) => [line.msg, line.route])).toEqual([['request', '/answer/:id']]);
  });

  it('lets held answers on both paths finish when the server drains, then refuses connections', async () => {
    const inFlight = [get('/fast/held'), get('/express/held')];
    while (held.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const stopped = server.shutdown('drain test');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(http.lifecycle.draining).toBe(true);
    for (const send of held.splice(0)) send();
    const [viaFast, viaExpress] = await Promise.all(inFlight);
    expect([viaFast?.status, viaExpress?.status]).toEqual([302, 302]);
    expect(viaFast?.headers.get('connection')).toBe(viaExpress?.headers.get('connection'));
    expect(await stopped).toBe(true);
    await expect(get('/fast/abc')).rejects.toThrow();
  });
});
