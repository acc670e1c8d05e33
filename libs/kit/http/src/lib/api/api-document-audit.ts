import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { isDeepStrictEqual } from 'node:util';
import type { Express } from 'express';
import { openApiPath } from './express-paths';
import { mountedRoutes } from './mounted-routes';
import type { OpenApiDocument } from './openapi-document';
import type { HttpMethod, RouteDefinition } from './route-definition';
import { OPERATIONAL_ROUTES } from './api-docs';

type Operation = { parameters?: unknown; requestBody?: unknown };

/**
 * What the served document gets wrong about the app, as readable lines (none when
 * right): a mounted route it lacks, a path it lists that nothing serves, or request
 * schemas that differ from those the route's validator applies.
 */
export function apiDocumentProblems(app: Express, document: OpenApiDocument): string[] {
  const problems: string[] = [];
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation | undefined>>;
  const mounted = new Set<string>();
  for (const route of mountedRoutes(app)) {
    const path = openApiPath(route.path).path;
    mounted.add(`${route.method} ${path}`);
    const operation = paths[path]?.[route.method];
    if (!operation) {
      problems.push(`${route.method.toUpperCase()} ${route.path} is served but not documented`);
      continue;
    }
    if (!route.definition) continue;
    const expected = validatorOperation(route.definition.method, path, route.definition.request ?? {});
    for (const part of ['parameters', 'requestBody'] as const) {
      if (!isDeepStrictEqual(operation[part], expected[part])) {
        problems.push(`${route.method.toUpperCase()} ${route.path}: documented ${part} differ from the validator's schemas`);
      }
    }
  }
  for (const { path } of OPERATIONAL_ROUTES) mounted.add(`get ${path}`);
  for (const [path, operations] of Object.entries(paths)) {
    for (const method of Object.keys(operations)) {
      if (!mounted.has(`${method} ${path}`)) {
        problems.push(`${method.toUpperCase()} ${path} is documented but nothing serves it`);
      }
    }
  }
  return problems;
}

/** The request part of an operation generated afresh from a validator's schemas. */
function validatorOperation(method: HttpMethod, path: string, request: RouteDefinition['request'] & object): Operation {
  const { params, query, body } = request;
  const registry = new OpenAPIRegistry();
  registry.registerPath({
    method,
    path,
    request: {
      ...(params ? { params } : {}),
      ...(query ? { query } : {}),
      ...(body ? { body: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    },
    responses: {},
  });
  const generated = new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: '3.1.0', info: { title: '', version: '' } });
  return ((generated.paths ?? {}) as Record<string, Record<string, Operation>>)[path]?.[method] ?? {};
}
