import { createLogger } from '@mosaic/kit-log';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiDocumentProblems, apiRouter, buildHttpApp, defineRoute, parseRequest, setPrincipal, type OpenApiDocument } from '../../index';

const logger = createLogger({ name: 'api-docs-test', level: 'silent' });
const itemParams = z.object({ id: z.string().regex(/^\d+$/, 'must be digits') });
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).optional() });
const renameBody = z.strictObject({ name: z.string().min(1).max(40) });

function itemsRouter() {
  return apiRouter({ tags: ['items'] })
    .define({ method: 'get', path: '/items', summary: 'List items', request: { query: listQuery } }, (_req, res, { query }) => {
      res.json({ limit: query.limit ?? 10 });
    })
    .define(
      { method: 'put', path: '/items/:id', summary: 'Rename an item', principal: 'required', request: { params: itemParams, body: renameBody } },
      (_req, res, { params, body }) => {
        res.json({ id: params.id, name: body.name });
      },
    );
}

function appWith(mount: (app: express.Express) => void) {
  return buildHttpApp({ logger, api: { title: 'Items', version: '2.0.0' }, mount }).app;
}

const signedIn: express.RequestHandler = (req, _res, next) => {
  if (req.get('authorization')) setPrincipal(req, { id: '1', roles: [] });
  next();
};

const app = appWith((app) => {
  app.use(signedIn);
  app.use('/api/v1', itemsRouter());
});

async function documentOf(target: express.Express): Promise<OpenApiDocument> {
  const response = await request(target).get('/openapi.json').expect(200);
  return response.body as OpenApiDocument;
}

describe('declared routes', () => {
  it('validate params, query and body with the same 400 as parseRequest', async () => {
    const declared = await request(app).put('/api/v1/items/abc').set('Authorization', 'x').send({ name: '', extra: 1 });
    let expected: unknown;
    try {
      parseRequest(itemParams, { id: 'abc' }, 'params');
    } catch (error) {
      expected = error;
    }
    expect(declared.status).toBe(400);
    expect(declared.body.error).toEqual((expected as { toJSON(): unknown }).toJSON());

    const query = await request(app).get('/api/v1/items?limit=0');
    expect(query.status).toBe(400);
    expect(query.body.error.details).toEqual([{ path: 'query.limit', message: expect.any(String) }]);

    const body = await request(app).put('/api/v1/items/7').set('Authorization', 'x').send({ name: '', extra: 1 });
    expect(body.body.error.code).toBe('validation_failed');
    expect(body.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['body', 'body.name']);
  });

  it('answer 401 before validating when a principal is required', async () => {
    const response = await request(app).put('/api/v1/items/abc').send({});
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('unauthenticated');
  });

  it('pass the parsed input to the handler', async () => {
    expect((await request(app).get('/api/v1/items?limit=5')).body).toEqual({ limit: 5 });
    expect((await request(app).put('/api/v1/items/7').set('Authorization', 'x').send({ name: 'pen' })).body).toEqual({ id: '7', name: 'pen' });
  });

  it('refuse a path parameter without a schema', () => {
    expect(() => apiRouter().define({ method: 'get', path: '/items/:id', summary: 'x' }, () => undefined)).toThrow(/declare path parameter\(s\) id/);
  });
});

describe('/openapi.json', () => {
  it('lists each route under the prefix it is mounted on, with its schemas', async () => {
    const document = await documentOf(app);
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Items', version: '2.0.0' });
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      '/api/v1/items',
      '/api/v1/items/{id}',
      '/docs',
      '/docs/{asset}',
      '/health',
      '/openapi.json',
      '/ready',
    ]);
    const rename = document.paths?.['/api/v1/items/{id}']?.put;
    expect(rename?.tags).toEqual(['items']);
    expect(rename?.security).toEqual([{ bearerAuth: [] }]);
    expect(rename?.parameters).toEqual([{ in: 'path', name: 'id', required: true, schema: { type: 'string', pattern: '^\\d+$' } }]);
    expect(rename?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', required: ['name'], additionalProperties: false } } },
    });
    expect(Object.keys(rename?.responses ?? {}).sort()).toEqual(['200', '400', '401']);
    expect(apiDocumentProblems(app, document)).toEqual([]);
  });

  it('follows the same router wherever it is mounted', async () => {
    const twice = appWith((app) => {
      const outer = express.Router();
      outer.use('/v2', itemsRouter());
      app.use('/api', outer);
    });
    const document = await documentOf(twice);
    expect(Object.keys(document.paths ?? {})).toEqual(expect.arrayContaining(['/api/v2/items', '/api/v2/items/{id}']));
    expect(apiDocumentProblems(twice, document)).toEqual([]);
  });
});

describe('apiDocumentProblems', () => {
  it('names a route served but not documented', async () => {
    const undocumented = appWith((app) => {
      app.use('/api/v1', itemsRouter());
      app.get('/api/v1/plain/:id', (_req, res) => res.json({}));
    });
    expect(apiDocumentProblems(undocumented, await documentOf(undocumented))).toEqual(['GET /api/v1/plain/:id is served but not documented']);
  });

  it('names documented schemas that differ from the validator and paths nothing serves', async () => {
    const document = structuredClone(await documentOf(app));
    const rename = document.paths?.['/api/v1/items/{id}']?.put;
    if (!rename) throw new Error('rename route missing');
    rename.requestBody = { content: { 'application/json': { schema: { type: 'object' } } } };
    document.paths = { ...document.paths, '/api/v1/gone': { get: { responses: {} } } };
    expect(apiDocumentProblems(app, document)).toEqual([
      "PUT /api/v1/items/:id: documented requestBody differ from the validator's schemas",
      'GET /api/v1/gone is documented but nothing serves it',
    ]);
  });
});

describe('/docs', () => {
  it('serves Swagger UI from the package under a CSP that allows no inline script', async () => {
    const page = await request(app).get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    const scripts = [...page.text.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, inline] of scripts) {
      expect(attributes).toMatch(/src="\/docs\/[\w.-]+\.js"/);
      expect(inline).toBe('');
    }
    for (const [, src] of page.text.matchAll(/(?:src|href)="(\/docs\/[^"]+)"/g)) {
      await request(app).get(src!).expect(200);
    }
    expect((await request(app).get('/docs/docs-init.js')).text).toContain('data-spec-url');
  });

  it('serves no other file of the package', async () => {
    expect((await request(app).get('/docs/index.html')).status).toBe(404);
    expect((await request(app).get('/docs/..%2Fpackage.json')).status).toBe(404);
  });
});

describe('defineRoute', () => {
  it('declares a route on an app as on a router', async () => {
    const direct = appWith((app) => {
      defineRoute(app, { method: 'post', path: '/echo', summary: 'Echo', request: { body: renameBody } }, (_req, res, { body }) => {
        res.json(body);
      });
    });
    expect((await request(direct).post('/echo').send({ name: 'a' })).body).toEqual({ name: 'a' });
    const document = await documentOf(direct);
    expect(document.paths?.['/echo']?.post?.summary).toBe('Echo');
    expect(apiDocumentProblems(direct, document)).toEqual([]);
  });
});
