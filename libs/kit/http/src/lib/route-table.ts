import type { Express, Request } from 'express';

/**
 * The parts of express's router (the `router` package) a route table reads. They are
 * what express itself walks to dispatch, so they stay put between versions.
 */
interface RouteLike {
  path: unknown;
  methods: Record<string, boolean | undefined>;
}
interface LayerLike {
  route?: RouteLike;
  handle: { stack?: LayerLike[] };
  slash?: boolean;
  match(path: string): false | { path: string; pattern: unknown };
}

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
  private readonly templates = new Map<RouteLike, string>();
  private stack: LayerLike[] = [];

  /** Reads the app's routers; call once their routes are mounted. */
  index(app: Express): void {
    this.stack = (app.router as unknown as { stack: LayerLike[] }).stack;
    this.templates.clear();
    for (const route of this.routes()) this.templates.set(route.route, route.template);
  }

  /** Every mounted route, for documentation and for tests that exercise them all. */
  list(): TemplatedRoute[] {
    return this.routes().map(({ template, route }) => ({ template, methods: methodsOf(route) }));
  }

  /**
   * The template a request is labelled with in logs and metrics: the route that
   * handled it (whatever its outcome), else a route the path matches (a wrong method,
   * a middleware that refused before the route ran), else "unmatched".
   */
  templateOf(req: Request): string {
    const handled = req.route ? this.templates.get(req.route as RouteLike) : undefined;
    if (handled) return handled;
    const candidates = this.match(req.method, pathOf(req));
    return (candidates.find((c) => c.handlesMethod) ?? candidates[0])?.template ?? UNMATCHED_ROUTE;
  }

  /**
   * For a request no route answered: the methods the path does answer, when some
   * route matches it with another method (a 405), else undefined (a 404).
   */
  allowedMethods(req: Request): string[] | undefined {
    const candidates = this.match(req.method, pathOf(req));
    if (candidates.length === 0 || candidates.some((c) => c.handlesMethod)) return undefined;
    return [...new Set(candidates.flatMap((c) => c.methods))].sort();
  }

  private routes(stack = this.stack, prefix = ''): { template: string; route: RouteLike }[] {
    return stack.flatMap((layer) => {
      if (layer.route) return [{ template: join(prefix, layer.route.path), route: layer.route }];
      const inner = layer.handle.stack;
      if (!inner) return [];
      return this.routes(inner, layer.slash ? prefix : join(prefix, rawPathOf(layer)));
    });
  }

  private match(method: string, path: string, stack = this.stack, prefix = ''): { template: string; methods: string[]; handlesMethod: boolean }[] {
    const found: { template: string; methods: string[]; handlesMethod: boolean }[] = [];
    for (const layer of stack) {
      let matched: ReturnType<LayerLike['match']>;
      try {
        matched = layer.match(path);
      } catch {
        continue; // an undecodable path segment: no route answers it
      }
      if (!matched) continue;
      if (layer.route) {
        const methods = methodsOf(layer.route);
        const handlesMethod = Boolean(layer.route.methods['_all']) || methods.includes(method.toUpperCase());
        found.push({ template: join(prefix, layer.route.path), methods, handlesMethod });
      } else if (layer.handle.stack) {
        const rest = path.slice(matched.path.length) || '/';
        found.push(...this.match(method, rest.startsWith('/') ? rest : `/${rest}`, layer.handle.stack, layer.slash ? prefix : join(prefix, matched.pattern)));
      }
    }
    return found;
  }
}

function methodsOf(route: RouteLike): string[] {
  const methods = Object.keys(route.methods)
    .filter((method) => method !== '_all' && route.methods[method])
    .map((method) => method.toUpperCase());
  if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
  return methods;
}

function rawPathOf(layer: LayerLike): unknown {
  return (layer as unknown as { rawPath?: unknown }).rawPath;
}

function join(prefix: string, pattern: unknown): string {
  const text = Array.isArray(pattern) ? pattern.map(String).join('|') : String(pattern ?? '');
  const joined = `${prefix}${text === '/' && prefix ? '' : text}`;
  return joined || '/';
}

function pathOf(req: Request): string {
  const url = req.originalUrl || req.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
