import type { Express } from 'express';
import { join } from 'node:path';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { z } from 'zod';
import { DOCS_ASSETS, DOCS_INIT_ASSET, DOCS_INIT_SCRIPT, docsPage } from './docs-page';
import { buildApiDocument, type ApiInfo, type OpenApiDocument } from './openapi-document';
import { defineRoute, type RouteDefinition } from './route-definition';

const operations = ['operations'];
const status = (values: [string, ...string[]]) => z.object({ status: z.enum(values) });

/**
 * Served by the operational layer ahead of every router (see health.ts), so express's
 * stack does not list them: this is the one place they are declared for the document.
 */
export const OPERATIONAL_ROUTES: { path: string; definition: RouteDefinition }[] = [
  {
    path: '/health',
    definition: {
      method: 'get',
      path: '/health',
      summary: 'Liveness: the process answers',
      tags: operations,
      responses: { 200: { description: 'Alive', body: status(['ok']) } },
    },
  },
  {
    path: '/ready',
    definition: {
      method: 'get',
      path: '/ready',
      summary: 'Readiness: every backend answers',
      tags: operations,
      responses: {
        200: { description: 'Ready', body: status(['ready']).extend({ checks: z.record(z.string(), z.string()) }) },
        503: {
          description: 'A backend does not answer, or the server is draining',
          body: status(['not_ready', 'draining']).extend({ checks: z.record(z.string(), z.string()) }),
        },
      },
    },
  },
  {
    path: '/metrics',
    definition: {
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics (when the app has telemetry)',
      tags: operations,
      responses: { 200: { description: 'Metrics in the Prometheus text format', body: z.string(), contentType: 'text/plain' } },
    },
  },
];

const assetParams = z.object({ asset: z.string().max(64) });

/**
 * `GET /openapi.json`, built from the routes mounted on the app when first asked (after
 * every router is mounted), and `GET /docs`, Swagger UI on that document.
 */
export function serveApiDocs(app: Express, options: { info: ApiInfo; metrics: boolean }): void {
  let document: OpenApiDocument | undefined;
  const extra = OPERATIONAL_ROUTES.filter(({ path }) => options.metrics || path !== '/metrics');
  defineRoute(
    app,
    {
      method: 'get',
      path: '/openapi.json',
      summary: 'This document (OpenAPI 3.1)',
      tags: operations,
      responses: { 200: { description: 'The OpenAPI document' } },
    },
    (_req, res) => {
      document ??= buildApiDocument(app, options.info, extra);
      res.json(document);
    },
  );
  defineRoute(
    app,
    {
      method: 'get',
      path: '/docs',
      summary: 'Interactive API reference',
      tags: operations,
      responses: { 200: { description: 'Swagger UI', body: z.string(), contentType: 'text/html' } },
    },
    (_req, res) => {
      res.type('html').send(docsPage(options.info.title));
    },
  );
  const assetsDir = getAbsoluteFSPath();
  defineRoute(
    app,
    {
      method: 'get',
      path: '/docs/:asset',
      summary: 'Files of the API reference page',
      tags: operations,
      request: { params: assetParams },
      responses: { 200: { description: 'The file' }, 404: { description: 'No such file' } },
    },
    (_req, res, { params }, next) => {
      if (params.asset === DOCS_INIT_ASSET) {
        res.type('text/javascript').setHeader('Cache-Control', 'public, max-age=3600');
        res.send(DOCS_INIT_SCRIPT);
        return;
      }
      if (!(DOCS_ASSETS as readonly string[]).includes(params.asset)) return next();
      res.sendFile(join(assetsDir, params.asset), { maxAge: '1d' });
    },
  );
}
