import { Writable } from 'node:stream';
import { notFound } from '@mosaic/kit-core';
import { createLogger } from '@mosaic/kit-log';
import { initTelemetry } from '@mosaic/kit-telemetry';
import { Router } from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildHttpApp, parseRequest } from '../index';

const logLines: { route?: string; path?: string; status?: number; msg?: string }[] = [];
const logger = createLogger({
  name: 'routes-test',
  pretty: false,
  destination: new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(JSON.parse(chunk.toString()));
      callback();
    },
  }),
});
const telemetry = initTelemetry({ serviceName: 'kit-http-routes-test' });
afterAll(() => telemetry.shutdown());

const accounts = Router();
accounts.get('/accounts/:id', (req, res) => {
  if (req.params.id === '404') throw notFound('account_not_found', 'No such account');
  res.json({ id: req.params.id });
});
accounts.put('/accounts/:id', (_req, res) => void res.json({}));
accounts.post('/transfers', (req, res) => {
  res.status(201).json(parseRequest(z.object({ amount: z.string() }), req.body));
});
accounts.get('/boom', async () => {
  throw new Error('exploded');
});
const nested = Router();
nested.get('/items/:item', (req, res) => void res.json({ item: req.params.item }));
accounts.use('/shelves/:shelf', nested);

const { app, routes } = buildHttpApp({ logger, telemetry, mount: (app) => app.use('/api/v1', accounts) });

const accessLine = (requestId: string) => logLines.find((line) => (line as { requestId?: string }).requestId === requestId && line.msg === 'request');

describe('route templates in logs and metrics', () => {
  it.each([
    ['success', 'get', '/api/v1/accounts/7', 200, '/api/v1/accounts/:id'],
    ['a 404 thrown inside a router', 'get', '/api/v1/accounts/404', 404, '/api/v1/accounts/:id'],
    ['a validation 400', 'post', '/api/v1/transfers', 400, '/api/v1/transfers'],
    ['a thrown error', 'get', '/api/v1/boom', 500, '/api/v1/boom'],
    ['a nested router', 'get', '/api/v1/shelves/3/items/9', 200, '/api/v1/shelves/:shelf/items/:item'],
    ['a wrong method', 'delete', '/api/v1/transfers', 405, '/api/v1/transfers'],
    ['an unknown path', 'get', '/api/v1/nothing/here', 404, 'unmatched'],
    ['a wrong method on an operational endpoint', 'post', '/health', 405, '/health'],
  ] as const)('names %s by its full template', async (_name, method, path, status, template) => {
    const requestId = `route-${method}-${path.replace(/\//g, '_')}`;
    const res = await request(app)[method](path).set('X-Request-Id', requestId).send({ amount: 5 });
    expect(res.status).toBe(status);
    expect(accessLine(requestId)).toMatchObject({ route: template, status });
    const metrics = (await request(app).get('/metrics')).text;
    const label = new RegExp(
      `http_server_request_duration_seconds_count\\{[^}]*method="${method.toUpperCase()}"[^}]*route="${template.replace(/[/:]/g, '\\$&')}"[^}]*status="${status}"`,
    );
    expect(metrics).toMatch(label);
  });

  it('lists every mounted route with its methods', () => {
    expect(routes.list()).toEqual([
      // Every app built by buildHttpApp documents itself.
      { template: '/openapi.json', methods: ['GET', 'HEAD'] },
      { template: '/docs', methods: ['GET', 'HEAD'] },
      { template: '/docs/:asset', methods: ['GET', 'HEAD'] },
      { template: '/api/v1/accounts/:id', methods: ['GET', 'HEAD'] },
      { template: '/api/v1/accounts/:id', methods: ['PUT'] },
      { template: '/api/v1/transfers', methods: ['POST'] },
      { template: '/api/v1/boom', methods: ['GET', 'HEAD'] },
      { template: '/api/v1/shelves/:shelf/items/:item', methods: ['GET', 'HEAD'] },
    ]);
  });
});

describe('405 Method Not Allowed', () => {
  it('answers a known path with a wrong method with 405, an Allow header and the JSON error shape', async () => {
    const res = await request(app).patch('/api/v1/accounts/7');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, PUT');
    expect(res.body).toEqual({
      error: {
        code: 'method_not_allowed',
        message: 'PATCH is not allowed on /api/v1/accounts/7; allowed: GET, HEAD, PUT',
        details: { allow: ['GET', 'HEAD', 'PUT'] },
      },
    });
  });

  it('answers 405 with Allow: GET, HEAD on /health, /ready and /metrics', async () => {
    for (const path of ['/health', '/ready', '/metrics']) {
      const res = await request(app).delete(path);
      expect([path, res.status, res.headers.allow, res.body.error.code]).toEqual([path, 405, 'GET, HEAD', 'method_not_allowed']);
    }
  });

  it('still answers an unknown path with 404', async () => {
    const res = await request(app).post('/api/v1/accounts');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('route_not_found');
  });
});
