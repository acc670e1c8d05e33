import type { FastRoute } from './fast-path';

// `/` or literal segments, as an app mounts a router: `/flashsale`, `/api`.
const MOUNT_PATH = /^(?:\/|(?:\/[A-Za-z0-9._~-]+)+)$/;

/**
 * A router's fast routes (templates relative to the router, as its express routes are
 * defined) placed where the app mounts that router: `app.use(mountPath, router)`. Each
 * then claims only paths under `mountPath` and is named in logs and metrics by the same
 * full template the mounted express route gets. At `/` they stay as they are.
 */
export function mountFastRoutes(mountPath: string, routes: readonly FastRoute[]): FastRoute[] {
  if (!MOUNT_PATH.test(mountPath)) throw new TypeError(`a mount path is "/" or "/segment…" without a trailing "/", got "${mountPath}"`);
  if (mountPath === '/') return [...routes];
  return routes.map((route) => ({ ...route, path: `${mountPath}${route.path}` }));
}
