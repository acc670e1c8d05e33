/**
 * Express 5 paths as OpenAPI paths: `/accounts/:id` → `/accounts/{id}`. Optional
 * segments (`{…}`) and regular expressions have no OpenAPI form, so they are refused.
 */
export function openApiPath(expressPath: string): { path: string; params: string[] } {
  if (/[{}()]/.test(expressPath)) throw new TypeError(`"${expressPath}": optional segments and patterns cannot be documented; declare one route per form`);
  const params: string[] = [];
  const path = expressPath.replace(/[:*]([A-Za-z_$][\w$]*)/g, (_match, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path, params };
}

/** A route's path under the prefixes of the routers it is mounted through. */
export function joinPaths(prefix: string, path: string): string {
  const head = prefix.replace(/\/+$/, '');
  if (path === '/' || path === '') return head === '' ? '/' : head;
  return `${head}${path.startsWith('/') ? '' : '/'}${path}`;
}
