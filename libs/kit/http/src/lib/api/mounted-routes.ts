import type { Express } from 'express';
import { joinPaths } from './express-paths';
import { routeDefinitionOf, type HttpMethod, type RouteDefinition } from './route-definition';

/**
 * The parts of express's (router 2.x) stack that Mosaic reads. They are what express
 * itself walks to dispatch, so they stay put between versions. `rawPath` is the path a
 * layer was registered with, which `router.listRoutes()` reports too.
 */
export interface ExpressRoute {
  path: unknown;
  methods: Record<string, boolean | undefined>;
  stack: { handle: unknown; method?: string }[];
}
export interface ExpressLayer {
  rawPath?: unknown;
  slash?: boolean;
  handle?: unknown;
  route?: ExpressRoute;
  match(path: string): false | { path: string; pattern: unknown };
}

/** One route as express will dispatch it, under its full path. */
export interface MountedRouteLayer {
  /** The express path including every mount prefix, e.g. `/api/v1/accounts/:id`. */
  path: string;
  /** The methods it answers, lower case, as express registered them. */
  methods: string[];
  /** Express's route object: what `req.route` is once the route has run. */
  route: ExpressRoute;
  /** Its declaration, when the route was declared with `defineRoute`. */
  definition?: RouteDefinition;
}

/** One method of one route as express will dispatch it. */
export interface MountedRoute {
  method: string;
  path: string;
  definition?: RouteDefinition;
}

/** The app's top-level router stack. */
export const stackOf = (app: Express): ExpressLayer[] => (app.router as unknown as { stack: ExpressLayer[] }).stack;

/** The stack of a router mounted as a layer's handler, if the layer mounts one. */
export function nestedStack(layer: ExpressLayer): ExpressLayer[] | undefined {
  const nested = layer.handle as { stack?: unknown } | undefined;
  return nested && Array.isArray(nested.stack) ? (nested.stack as ExpressLayer[]) : undefined;
}

/**
 * Every route of an app, in dispatch order, found by walking express's router stack
 * through each mounted router: the one walk the API document, its audit, route
 * templates in metrics and logs, and 405 answers all read. A router so documents and
 * labels itself wherever and under whatever prefix it is mounted.
 */
export function mountedRouteLayers(app: Express): MountedRouteLayer[] {
  return walk(stackOf(app), '');
}

/** The same routes, one entry per method. */
export function mountedRoutes(app: Express): MountedRoute[] {
  return mountedRouteLayers(app).flatMap(({ path, methods, definition }) => methods.map((method) => ({ method, path, definition })));
}

function walk(stack: ExpressLayer[], prefix: string): MountedRouteLayer[] {
  return stack.flatMap((layer): MountedRouteLayer[] => {
    const paths = (Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath]).map((path) => {
      if (typeof path !== 'string') throw new TypeError(`a route or router mounted on ${String(path)} cannot be listed; mount it on a string path`);
      return path;
    });
    const route = layer.route;
    if (route) {
      const definition = route.stack.map((entry) => routeDefinitionOf(entry.handle)).find((found) => found !== undefined);
      const methods = Object.keys(route.methods).filter((method) => route.methods[method] && method !== '_all');
      return paths.map((path) => ({ path: joinPaths(prefix, path), methods, route, definition }));
    }
    const nested = nestedStack(layer);
    return nested ? paths.flatMap((path) => walk(nested, joinPaths(prefix, path))) : [];
  });
}

export function isHttpMethod(method: string): method is HttpMethod {
  return ['get', 'post', 'put', 'patch', 'delete'].includes(method);
}
