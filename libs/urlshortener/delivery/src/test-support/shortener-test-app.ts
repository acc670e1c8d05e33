import { ManualClock } from '@mosaic/kit-core';
import { buildHttpApp, deferPrincipal, setPrincipal } from '@mosaic/kit-http';
import { createLogger } from '@mosaic/kit-log';
import type { InsertOutcome, Link, LinkRepository } from '@mosaic/urlshortener-domain';
import { MemoryClickCounter, MemoryLinkCache, MemoryLinkRepository } from '@mosaic/urlshortener-repository';
import { createUrlshortenerUseCases } from '@mosaic/urlshortener-usecase';
import type { Express, RequestHandler } from 'express';
import { createUrlshortenerRouter } from '../urlshortener-router';

export const PUBLIC_URL = 'https://sho.rt';
export const NOW = Date.UTC(2026, 0, 1);

/**
 * Stands in for the auth domain's middleware: `Authorization: Bearer test:<id>` signs the
 * request in as <id>. Deferred as the real one is, so a route reading the principal
 * undeclared fails here.
 */
const testAuthentication: RequestHandler = (req, _res, next) => {
  deferPrincipal(req, async () => {
    const match = /^Bearer test:(.+)$/.exec(req.get('authorization') ?? '');
    if (match?.[1]) setPrincipal(req, { id: match[1], roles: [] });
  });
  next();
};

const letEveryoneThrough: RequestHandler = (_req, _res, next) => next();

/** The memory repository, counting reads so tests can see what the caches kept from it. */
class ObservedLinkRepository implements LinkRepository {
  reads = 0;
  readonly inner = new MemoryLinkRepository();

  insert(link: Link): Promise<InsertOutcome> {
    return this.inner.insert(link);
  }

  findByCode(code: string): Promise<Link | undefined> {
    this.reads++;
    return this.inner.findByCode(code);
  }

  delete(code: string, deletedAt: Date): Promise<boolean> {
    return this.inner.delete(code, deletedAt);
  }
}

export interface TestAppOptions {
  createLinkLimiter?: RequestHandler;
  publicUrl?: string | null;
  allowedHosts?: readonly string[];
  pagePath?: string;
  /** Routes mounted after the shortener's, to prove it lets their paths through. */
  after?: (app: Express) => void;
}

/** The shortener's router in a kit-http app on memory adapters, with a manual clock and a stand-in for auth. */
export function shortenerTestApp(options: TestAppOptions = {}) {
  const clock = new ManualClock(NOW);
  const links = new ObservedLinkRepository();
  const clicks = new MemoryClickCounter();
  const errors: unknown[] = [];
  const publicUrl = options.publicUrl === null ? undefined : (options.publicUrl ?? PUBLIC_URL);
  const useCases = createUrlshortenerUseCases(
    { links, cache: new MemoryLinkCache({ clock }), clicks },
    { onError: (error) => void errors.push(error), publicUrl, clock, clickFlushIntervalMs: 3_600_000 },
  );
  const { app } = buildHttpApp({
    logger: createLogger({ name: 'urlshortener-test', level: 'silent', pretty: false }),
    mount: (app) => {
      app.use(testAuthentication);
      app.use(
        createUrlshortenerRouter({
          useCases,
          createLinkLimiter: options.createLinkLimiter ?? letEveryoneThrough,
          publicUrl,
          allowedHosts: options.allowedHosts,
          pagePath: options.pagePath,
        }),
      );
      options.after?.(app);
    },
  });
  return { app, clock, links, clicks, useCases, errors, close: () => useCases.resource.close() };
}

export const asUser = (id: string) => ({ Authorization: `Bearer test:${id}` });
