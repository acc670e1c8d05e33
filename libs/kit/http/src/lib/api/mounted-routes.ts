import type { Express } from 'express';
import { joinPaths } from './express-paths';
import { routeDefinitionOf, type HttpMethod, type RouteDefinition } from './route-definition';

/** One method of one route as express will dispatch it. */
export interface MountedRoute {
  method: string;
  /** The express path including every mount prefix, e.g. `/api/v1/accounts/:id`. */
  path: string;
  /** Its declaration, when the route was declared with `defineRoute`. */
  definition?: RouteDefinition;
}

// The parts of express's (router 2.x) stack this reads; `rawPath` is the path a layer
// was registered with, which `router.listRoutes()` reports too.
interface Layer {
  rawPath?: unknown;
  handle?: unknown;
  route?: { path: unknown; methods: Record<string, boolean | undefined>; stack: { handle: unknown; method?: string }[] };
}

/**
 * Every route of an app, in dispatch order, found by walking express's router stack
 * through each mounted router. This is what the API document is built from, so a
 * router documents itself wherever and under whatever prefix it is mounted.
 */
export function mountedRoutes(app: Express): MountedRoute[] {
  return walk(app.router as unknown as { stack: Layer[] }, '');
}

function walk(router: { stack: Layer[] }, prefix: string): MountedRoute[] {
  return router.stack.flatMap((layer): MountedRoute[] => {
    const paths = (Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath]).map((path) => {
      if (typeof path !== 'string') throw new TypeError(`a route or router mounted on ${String(path)} cannot be listed; mount it on a string path`);
      return path;
    });
    if (layer.route) {
      const definition = layer.route.stack.map((entry) => routeDefinitionOf(entry.handle)).find((found) => found !== undefined);
      const methods = Object.keys(layer.route.methods).filter((method) => layer.route?.methods[method] && method !== '_all');
      return paths.flatMap((path) => methods.map((method) => ({ method, path: joinPaths(prefix, path), definition })));
    }
    const nested = layer.handle as { stack?: unknown } | undefined;
    if (nested && Array.isArray(nested.stack)) {
      return paths.flatMap((path) => walk(nested as { stack: Layer[] }, joinPaths(prefix, path)));
    }
    return [];
  });
}

export function isHttpMethod(method: string): method is HttpMethod {
  return ['get', 'post', 'put', 'patch', 'delete'].includes(method);
}
