import type { Express, Request } from 'express';
import { joinPaths } from './api/express-paths';
import { mountedRouteLayers, nestedStack, stackOf, type ExpressLayer, type ExpressRoute } from './api/mounted-routes';

/** A route as a client can reach it: its full template and the methods it answers. */
export interface TemplatedRoute {
  readonly template: string;
  readonly methods: readonly string[];
}

/** The label of requests no route matched, so stray paths never become metric labels. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Every route of an app under its full template (`/api/v1/accounts/:id`, mount
 * prefixes included), indexed once after the app's routers are mounted. Express keeps
 * only the last router's piece of the pattern on the request (`req.route.path`) and
 * restores `req.baseUrl` as a request leaves each router, so after a thrown error or a
 * 404 inside a router neither tells the full template any more; the route object does.
 */
export class RouteTable {
  private readonly templates = new Map<ExpressRoute, string>();
  private listed: TemplatedRoute[] = [];
  private stack: ExpressLayer[] = [];

  /** Reads the app's routers; call once their routes are mounted. */
  index(app: Express): void {
    this.stack = stackOf(app);
    this.templates.clear();
    const layers = mountedRouteLayers(app);
    // A route mounted under several paths keeps the first, the one express tries first.
    for (const { route, path } of layers) if (!this.templates.has(route)) this.templates.set(route, path);
    this.listed = layers.map(({ path, route }) => ({ template: path, methods: methodsOf(route) }));
  }

  /** Every mounted route, for documentation and for tests that exercise them all. */
  list(): TemplatedRoute[] {
    return this.listed;
  }

  /**
   * The template a request is labelled with in logs and metrics: the route that
   * handled it (whatever its outcome), else a route the path matches (a wrong method,
   * a middleware that refused before the route ran), else "unmatched".
   */
  templateOf(req: Request): string {
    const handled = req.route ? this.templates.get(req.route as ExpressRoute) : undefined;
    if (handled) return handled;
    const candidates = this.match(req.method, fullPathOf(req));
    return (candidates.find((c) => c.handlesMethod) ?? candidates[0])?.template ?? UNMATCHED_ROUTE;
  }

  /**
   * For a request no route answered: the methods the path does answer, when some
   * route matches it with another method (a 405), else undefined (a 404).
   */
  allowedMethods(req: Request): string[] | undefined {
    const candidates = this.match(req.method, fullPathOf(req));
    if (candidates.length === 0 || candidates.some((c) => c.handlesMethod)) return undefined;
    return [...new Set(candidates.flatMap((c) => c.methods))].sort();
  }

  /** Dispatch's own matching (each layer's `match`), down through mounted routers: the routes a path reaches. */
  private match(method: string, path: string, stack = this.stack, prefix = ''): { template: string; methods: string[]; handlesMethod: boolean }[] {
    const found: { template: string; methods: string[]; handlesMethod: boolean }[] = [];
    for (const layer of stack) {
      let matched: ReturnType<ExpressLayer['match']>;
      try {
        matched = layer.match(path);
      } catch {
        continue; // an undecodable path segment: no route answers it
      }
      if (!matched) continue;
      const nested = nestedStack(layer);
      if (layer.route) {
        const methods = methodsOf(layer.route);
        const handlesMethod = Boolean(layer.route.methods['_all']) || methods.includes(method.toUpperCase());
        found.push({ template: joinPaths(prefix, String(layer.route.path)), methods, handlesMethod });
      } else if (nested) {
        const rest = path.slice(matched.path.length) || '/';
        found.push(...this.match(method, rest.startsWith('/') ? rest : `/${rest}`, nested, layer.slash ? prefix : joinPaths(prefix, String(matched.pattern))));
      }
    }
    return found;
  }
}

function methodsOf(route: ExpressRoute): string[] {
  const methods = Object.keys(route.methods)
    .filter((method) => method !== '_all' && route.methods[method])
    .map((method) => method.toUpperCase());
  if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
  return methods;
}

/**
 * The request's path from the app's root, without the query. `req.path` is relative to
 * the router handling the request once a router is mounted (`/checkout` under `/flashsale`).
 */
export function fullPathOf(req: Request): string {
  const url = req.originalUrl || req.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
