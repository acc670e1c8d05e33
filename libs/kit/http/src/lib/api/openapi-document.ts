import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Express } from 'express';
import { z } from 'zod';
import { openApiPath } from './express-paths';
import { isHttpMethod, mountedRoutes } from './mounted-routes';
import type { RouteDefinition } from './route-definition';

export interface ApiInfo {
  title: string;
  version: string;
  description?: string;
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The one error body every route may answer with (see the error handler). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});
const ERROR_REF = { $ref: '#/components/schemas/Error' };

/**
 * The OpenAPI 3.1 document of everything an app serves: each declared route under the
 * path express mounted it on, plus `extra` routes served outside the router stack.
 */
export function buildApiDocument(app: Express, info: ApiInfo, extra: { path: string; definition: RouteDefinition }[] = []): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  registry.registerComponent('schemas', 'Error', z.toJSONSchema(errorBodySchema) as Parameters<OpenAPIRegistry['registerComponent']>[2]);
  const seen = new Set<string>();
  const declared = mountedRoutes(app).flatMap(({ path, definition }) => (definition ? [{ path, definition }] : []));
  for (const { path, definition } of [...extra, ...declared]) {
    const config = routeConfig(path, definition);
    // Express dispatches to the first match; a later route on the same path and method is unreachable.
    const key = `${config.method} ${config.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    registry.registerPath(config);
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: '3.1.0', info: { ...info } });
}

/** The operation of one declared route mounted at `path` (an express path). */
export function routeConfig(path: string, definition: RouteDefinition): RouteConfig {
  const { params, query, body } = definition.request ?? {};
  if (!isHttpMethod(definition.method)) throw new TypeError(`unsupported method ${String(definition.method)}`);
  const responses: RouteConfig['responses'] = {};
  for (const [status, response] of Object.entries(definition.responses ?? { 200: { description: 'OK' } })) {
    responses[status] = {
      description: response.description,
      ...(response.body ? { content: { [response.contentType ?? 'application/json']: { schema: response.body } } } : {}),
    };
  }
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ERROR_REF } } });
  if ((params || query || body) && !responses[400])
    responses[400] = errorResponse('The request does not match its schema (`validation_failed`, with details per field)');
  if (definition.principal === 'required' && !responses[401]) responses[401] = errorResponse('No valid access token came with the request');
  return {
    method: definition.method,
    path: openApiPath(path).path,
    summary: definition.summary,
    ...(definition.description ? { description: definition.description } : {}),
    ...(definition.tags ? { tags: definition.tags } : {}),
    ...(definition.principal ? { security: definition.principal === 'required' ? [{ bearerAuth: [] }] : [{}, { bearerAuth: [] }] } : {}),
    request: {
      ...(params ? { params } : {}),
      ...(query ? { query } : {}),
      ...(body ? { body: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    },
    responses,
  };
}
