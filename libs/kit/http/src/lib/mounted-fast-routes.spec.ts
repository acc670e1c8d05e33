import { describe, expect, it } from 'vitest';
import type { FastRoute } from './fast-path';
import { mountFastRoutes } from './mounted-fast-routes';

const routes: FastRoute[] = [
  { method: 'POST', path: '/checkout', handle: () => false },
  { method: 'GET', path: '/:code', answer: () => undefined },
];

describe('mountFastRoutes', () => {
  it('puts a router’s fast routes under its mount path, keeping what they do', () => {
    const mounted = mountFastRoutes('/flashsale', routes);
    expect(mounted.map((route) => [route.method, route.path])).toEqual([
      ['POST', '/flashsale/checkout'],
      ['GET', '/flashsale/:code'],
    ]);
    expect(mounted[0]?.handle).toBe(routes[0]?.handle);
    expect(mountFastRoutes('/api/v1', routes)[1]?.path).toBe('/api/v1/:code');
    expect(mountFastRoutes('/', routes).map((route) => route.path)).toEqual(['/checkout', '/:code']);
  });

  it('refuses a mount path express would not mount a router at as written', () => {
    for (const path of ['', 'flashsale', '/flashsale/', '//x', '/:id', '/a b']) expect(() => mountFastRoutes(path, routes)).toThrow(TypeError);
  });
});
