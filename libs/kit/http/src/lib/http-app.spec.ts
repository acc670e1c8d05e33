import { Writable } from 'node:stream';
import { conflict, rateLimited, type Resource } from '@mosaic/kit-core';
import { createLogger } from '@mosaic/kit-log';
import { initTelemetry } from '@mosaic/kit-telemetry';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildHttpApp, parseRequest } from '../index';

const logLines: Record<string, unknown>[] = [];
const logger = createLogger({
  name: 'test',
  pretty: false,
  destination: new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(JSON.parse(chunk.toString()));
      callback();
    },
  }),
});
const telemetry = initTelemetry({ serviceName: 'kit-http-test' });
afterAll(() => telemetry.shutdown());

let dbUp = true;
const db: Resource = {
  name: 'db',
  check: async () => {
    if (!dbUp) throw new Error('connection refused');
  },
  close: async () => undefined,
};

const { app } = buildHttpApp({
  logger,
  telemetry,
  resources: [db],
  bodyLimit: '1kb',
  mount: (app) => {
    app.post('/echo', (req, res) => {
      const body = parseRequest(z.object({ name: z.string().min(1), age: z.number().int().positive() }), req.body);
      res.status(201).json(body);
    });
    app.get('/items/:id', (req, res) => {
      res.json({ id: req.params.id });
    });
    app.get('/taken', () => {
      throw conflict('alias_taken', 'That alias is taken');
    });
    app.get('/limited', () => {
      throw rateLimited('Too many requests', 7);
    });
    app.get('/boom', async () => {
      throw new Error('database exploded');
    });
  },
});

describe('buildHttpApp', () => {
  it('answers /health and echoes a request id', async () => {
    const res = await request(app).get('/health').set('X-Request-Id', 'abc-123');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('generates a request id when the caller sends none or a hostile one', async () => {
    const res = await request(app).get('/health').set('X-Request-Id', 'x'.repeat(300));
    expect(res.headers['x-request-id']).toMatch(/^[A-Za-z0-9_-]{8}-[0-9a-z]+$/);
  });

  it('reports readiness from its resources', async () => {
    expect((await request(app).get('/ready')).body).toEqual({ status: 'ready', checks: { db: 'ok' } });
    dbUp = false;
    const down = await request(app).get('/ready');
    dbUp = true;
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'not_ready', checks: { db: 'connection refused' } });
  });

  it('rejects malformed JSON with 400 in the error shape', async () => {
    const res = await request(app).post('/echo').set('Content-Type', 'application/json').send('{"name": "x",');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'malformed_json', message: 'Request body is not valid JSON' } });
  });

  it('rejects an oversized body with 413', async () => {
    const res = await request(app)
      .post('/echo')
      .send({ name: 'x'.repeat(2_000), age: 1 });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('names every invalid field path', async () => {
    const res = await request(app).post('/echo').send({ name: '', age: 'ten' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.age', 'body.name']);
  });

  it('passes valid input through', async () => {
    const res = await request(app).post('/echo').send({ name: 'Ada', age: 36 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ name: 'Ada', age: 36 });
  });

  it('maps application errors to their status and code', async () => {
    const res = await request(app).get('/taken');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: { code: 'alias_taken', message: 'That alias is taken' } });
  });

  it('sets Retry-After on rate-limited answers', async () => {
    const res = await request(app).get('/limited');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(app).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'route_not_found', message: 'No route for GET /nope' } });
  });

  it('hides unknown failures behind a 500 with the request id, and logs the stack', async () => {
    const res = await request(app).get('/boom').set('X-Request-Id', 'req-boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: 'Internal server error', requestId: 'req-boom' } });
    const logged = logLines.find((line) => line.requestId === 'req-boom' && line.level === 50);
    expect((logged?.err as { stack: string }).stack).toContain('database exploded');
    expect(logged?.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('serves request counts and durations by route and status on /metrics', async () => {
    await request(app).get('/items/42');
    await request(app).get('/items/43');
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/http_server_request_duration_seconds_count\{[^}]*route="\/items\/:id"[^}]*status="200"[^}]*\} 2/);
    expect(res.text).toContain('http_server_request_duration_seconds_bucket');
    expect(res.text).toContain('process_memory_bytes');
    expect(res.text).toContain('process_uptime_seconds');
  });
});
