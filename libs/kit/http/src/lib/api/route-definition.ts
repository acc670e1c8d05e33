import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import type { z } from 'zod';
import { requirePrincipal, resolvePrincipal } from '../principal';
import { parseRequest } from '../validation';
import { openApiPath } from './express-paths';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Path parameters and query strings are objects of named fields (what OpenAPI lists one by one). */
export type FieldsSchema = z.ZodObject | z.ZodPipe<z.ZodObject, z.ZodType>;

export interface RouteResponse {
  description: string;
  /** The response body's schema, where the route has one worth stating. */
  body?: z.ZodType;
  /** Default application/json when there is a body. */
  contentType?: string;
}

export interface RouteRequest<P extends FieldsSchema | undefined, Q extends FieldsSchema | undefined, B extends z.ZodType | undefined> {
  params?: P;
  query?: Q;
  body?: B;
}

export interface RouteDefinition<
  P extends FieldsSchema | undefined = FieldsSchema | undefined,
  Q extends FieldsSchema | undefined = FieldsSchema | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: HttpMethod;
  /** The express path relative to where the router is mounted, e.g. `/accounts/:id`. */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  /**
   * `required`: a 401 before anything else when authentication set no principal;
   * `optional`: the route reads one when present. Both are documented as bearer auth,
   * and only these routes pay for checking the caller's token (`resolvePrincipal` runs
   * first, ahead of `before`); any other route reading the principal fails loudly.
   */
  principal?: 'required' | 'optional';
  /** Validated in this order: params, query, body; a mismatch is the usual 400 `validation_failed`. */
  request?: RouteRequest<P, Q, B>;
  /** By status; 400 and 401 are added when validation or a principal can produce them. */
  responses?: Record<number, RouteResponse>;
  /** Middleware run first, e.g. a rate limiter or the auth domain's `requireAuth`. */
  before?: RequestHandler[];
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: Parsed<P>;
  query: Parsed<Q>;
  body: Parsed<B>;
}

export type RouteHandler<P, Q, B> = (req: Request, res: Response, input: RouteInput<P, Q, B>, next: NextFunction) => unknown;

/** Anything with express's verb methods: an app or a router. */
export type RouteTarget = Pick<express.Router, HttpMethod>;

// The handler express runs for a declared route, mapped to its declaration: how the
// document is built from what is actually mounted, and how tests compare the two.
const declarations = new WeakMap<object, RouteDefinition>();

export function routeDefinitionOf(handler: unknown): RouteDefinition | undefined {
  return typeof handler === 'function' ? declarations.get(handler) : undefined;
}

/**
 * Declares one route: the same schemas validate the request and describe it in the
 * app's `/openapi.json`. The handler receives the parsed params, query and body.
 */
export function defineRoute<
  P extends FieldsSchema | undefined = undefined,
  Q extends FieldsSchema | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(target: RouteTarget, definition: RouteDefinition<P, Q, B>, handler: RouteHandler<P, Q, B>): void {
  assertParamsDeclared(definition);
  const { params, query, body } = definition.request ?? {};
  const principalRequired = definition.principal === 'required';
  const validated: RequestHandler = (req, res, next) => {
    if (principalRequired) requirePrincipal(req);
    const input = {
      params: params ? parseRequest(params, req.params, 'params') : undefined,
      query: query ? parseRequest(query, req.query, 'query') : undefined,
      body: body ? parseRequest(body, req.body ?? {}, 'body') : undefined,
    } as RouteInput<P, Q, B>;
    return handler(req, res, input, next);
  };
  declarations.set(validated, definition as RouteDefinition);
  const register = target[definition.method] as unknown as (path: string, ...handlers: RequestHandler[]) => unknown;
  const resolve = definition.principal ? [resolvePrincipal] : [];
  register.call(target, definition.path, ...resolve, ...(definition.before ?? []), validated);
}

export interface ApiRouter extends express.Router {
  /** {@link defineRoute} on this router, with its default tags. */
  define<P extends FieldsSchema | undefined = undefined, Q extends FieldsSchema | undefined = undefined, B extends z.ZodType | undefined = undefined>(
    definition: RouteDefinition<P, Q, B>,
    handler: RouteHandler<P, Q, B>,
  ): ApiRouter;
}

/**
 * An express router whose routes are declared with {@link defineRoute}. Mount it as any
 * router (`app.use('/api/v1', router)`): the document reads the mount path from express.
 */
export function apiRouter(defaults: { tags?: string[] } = {}): ApiRouter {
  const router = express.Router() as ApiRouter;
  router.define = (definition, handler) => {
    defineRoute(router, { ...definition, tags: definition.tags ?? defaults.tags }, handler);
    return router;
  };
  return router;
}

/** A path parameter without a schema would be neither validated nor documented. */
function assertParamsDeclared(definition: RouteDefinition<FieldsSchema | undefined, FieldsSchema | undefined, z.ZodType | undefined>): void {
  const names = openApiPath(definition.path).params;
  const params = definition.request?.params;
  const shape = params ? ('shape' in params ? params.shape : params.in.shape) : {};
  const missing = names.filter((name) => !(name in shape));
  if (missing.length > 0) {
    throw new TypeError(`${definition.method.toUpperCase()} ${definition.path}: declare path parameter(s) ${missing.join(', ')} in request.params`);
  }
}
