import type { AppContext } from '@mosaic/kit-app';
import { allowedHostsOf } from '@mosaic/kit-config';
import type { Resource } from '@mosaic/kit-core';
import type { FastRoute } from '@mosaic/kit-http';
import { createMemoryRateLimiter, createRedisRateLimiter, rateLimit } from '@mosaic/kit-ratelimit';
import { createUrlshortenerRouter, linkCreatorKey } from '@mosaic/urlshortener-delivery';
import { createUrlshortenerAdapters } from '@mosaic/urlshortener-repository';
import { createUrlshortenerUseCases } from '@mosaic/urlshortener-usecase';
import type { RequestHandler, Router } from 'express';
import { loadUrlshortenerSettings } from './urlshortener-settings';

export interface UrlshortenerModuleOptions {
  /** Where the page is served: `/` in the shortener's own app, `/s/` in the platform. */
  pagePath: string;
}

export interface UrlshortenerModule {
  /**
   * The API under /api/v1, the page and the redirects at /:code. Mount it after
   * auth's `authenticate` (links of a signed-in user are theirs to delete) and after
   * the other domains' routes: /:code takes any single path segment that could be a
   * code, passing on reserved words such as "exchange".
   */
  readonly router: Router;
  /** `GET /:code` alone: mount it as `app.get('/:code', redirect)` where redirects must be fastest. */
  readonly redirect: RequestHandler;
  /** `GET /:code` of a link in process memory, ahead of express: pass it in `buildHttpApp`'s `fastRoutes`, with `redirect` or the router mounted. */
  readonly fastRedirect: FastRoute;
  /** Closing it stores the last buffered clicks; list it before the shared backends. */
  readonly resources: Resource[];
}

/**
 * The shortener on the process's shared backends: links and click totals in MySQL
 * when configured (migrated here), a Redis cache tier and a shared creation limit
 * when Redis is, memory otherwise. Short links are built on PUBLIC_URL, or on the
 * host each request came to.
 */
export async function createUrlshortenerModule(context: AppContext, options: UrlshortenerModuleOptions): Promise<UrlshortenerModule> {
  const settings = loadUrlshortenerSettings(context.env);
  const logger = context.logger.child({ domain: 'urlshortener' });
  const { mysql, redis } = context.backends;
  const publicUrl = context.config.PUBLIC_URL;
  const namespace = settings.URLSHORTENER_REDIS_NAMESPACE;

  const adapters = createUrlshortenerAdapters({ mysql, redis, redisNamespace: namespace });
  await adapters.migrate();
  logger.info({ backends: adapters.description }, 'urlshortener adapters');
  const useCases = createUrlshortenerUseCases(adapters, {
    onError: (error, what) => logger.warn({ err: error }, `${what} failed`),
    publicUrl,
    clickFlushIntervalMs: settings.URLSHORTENER_CLICK_FLUSH_MS,
  });
  const window = { points: settings.URLSHORTENER_CREATE_LIMIT, durationSeconds: 60 };
  const limiter = redis ? createRedisRateLimiter(redis, { ...window, namespace: `${namespace}:create-limit` }) : createMemoryRateLimiter(window);
  const router = createUrlshortenerRouter({
    useCases,
    createLinkLimiter: rateLimit({ limiter, key: linkCreatorKey, message: 'Too many links created; slow down' }),
    publicUrl,
    allowedHosts: allowedHostsOf(context.config),
    pagePath: options.pagePath,
  });
  return { router, redirect: router.redirect, fastRedirect: router.fastRedirect, resources: [...adapters.resources, useCases.resource] };
}
