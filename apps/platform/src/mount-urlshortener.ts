import type { AppContext } from '@mosaic/kit-app';
import { loadConfig } from '@mosaic/kit-config';
import type { Resource } from '@mosaic/kit-core';
import { createMemoryRateLimiter, createRedisRateLimiter, rateLimit } from '@mosaic/kit-ratelimit';
import { createUrlshortenerRouter, linkCreatorKey } from '@mosaic/urlshortener-delivery';
import { createUrlshortenerAdapters } from '@mosaic/urlshortener-repository';
import { createUrlshortenerUseCases } from '@mosaic/urlshortener-usecase';
import type { Express } from 'express';
import { z } from 'zod';

export interface UrlshortenerMount {
  /**
   * Adds the API under /api/v1, the page at /s/ and redirects at /:code. Call it
   * after `app.use(auth.authenticate)` (links created by a signed-in user are theirs
   * to delete) and after the other domains' routes (its /:code takes any single path
   * segment that could be a code, passing on reserved words such as "exchange").
   */
  mount(app: Express): void;
  /** Give to buildHttpApp's `resources`: closing it stores the last buffered clicks, before the shared backends close. */
  readonly resources: Resource[];
}

/**
 * The URL shortener on the platform's shared backends: links and click totals in
 * MySQL when MYSQL_URL is set (migrated here), a Redis cache tier and a shared
 * creation limit when REDIS_URL is set, memory otherwise. Short links are built on
 * PUBLIC_URL, or on the host each request came to.
 */
export async function mountUrlshortener(context: AppContext): Promise<UrlshortenerMount> {
  const settings = loadConfig(
    {
      URLSHORTENER_CREATE_LIMIT: z.coerce.number().int().positive().default(30),
      URLSHORTENER_CLICK_FLUSH_MS: z.coerce.number().int().positive().default(1_000),
      URLSHORTENER_REDIS_NAMESPACE: z.string().regex(/^[A-Za-z0-9:_-]+$/).default('urlshortener'),
    },
    context.env,
  );
  const logger = context.logger.child({ domain: 'urlshortener' });
  const { mysql, redis } = context.backends;
  const publicUrl = context.config.PUBLIC_URL;

  const namespace = settings.URLSHORTENER_REDIS_NAMESPACE;
  const adapters = createUrlshortenerAdapters({ mysql, redis, redisNamespace: namespace });
  await adapters.migrate();
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
    pagePath: '/s/',
  });
  return {
    mount: (app) => {
      app.use(router);
    },
    resources: [...adapters.resources, useCases.resource],
  };
}
