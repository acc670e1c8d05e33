import { fastCheckout, flashsaleApiRouter, flashsaleRouter, SaleCountFeed } from '@mosaic/flashsale-delivery';
import { createFlashsaleAdapters } from '@mosaic/flashsale-repository';
import { createFlashsaleUseCases } from '@mosaic/flashsale-usecase';
import type { AppContext } from '@mosaic/kit-app';
import { systemClock, type Clock } from '@mosaic/kit-core';
import { mountFastRoutes } from '@mosaic/kit-http';
import { loadFlashsaleSettings } from './flashsale-settings';
import { SaleScheduler } from './sale-scheduler';

export interface FlashsaleModuleOptions {
  /**
   * Where the app mounts `router` (`app.use(mountPath, router)`): `/` on its own app
   * (the default), `/flashsale` on the platform. The fast routes answer under it.
   */
  readonly mountPath?: string;
  /** Time for sales, checkouts and the scheduler; tests pass a ManualClock. */
  readonly clock?: Clock;
  /** Items per new sale (default 10,000); smaller in tests. */
  readonly itemsPerSale?: number;
  /** Prefix of the gate's Redis keys (default `flashsale`); tests use their own namespace. */
  readonly redisNamespace?: string;
  /** Start the scheduler's timers (default true); tests drive `scheduler.tick()` themselves. */
  readonly startTimers?: boolean;
}

export type FlashsaleModule = Awaited<ReturnType<typeof createFlashsaleModule>>;

/** A clock that reads `origin` now and runs at normal speed from there. */
function clockFrom(origin: Date): Clock {
  const offset = origin.getTime() - Date.now();
  return { nowMs: () => Date.now() + offset, now: () => new Date(Date.now() + offset) };
}

/**
 * The flash sale on the process's shared backends: the store of record on MySQL when
 * configured (migrated here), else memory; the gate on Redis when configured, else the
 * memory cache; order events relayed to the shared queue. On start it creates the
 * current and next sales and reconciles the gate (claims too), then keeps doing both
 * on timers. Close `resources` on shutdown, before the shared backends.
 */
export async function createFlashsaleModule(context: AppContext, options: FlashsaleModuleOptions = {}) {
  const settings = loadFlashsaleSettings(context.env);
  const logger = context.logger.child({ domain: 'flashsale' });
  const clock = options.clock ?? (settings.timeOrigin ? clockFrom(settings.timeOrigin) : systemClock);
  const adapters = createFlashsaleAdapters({
    mysql: context.backends.mysql,
    redis: context.backends.redis,
    redisNamespace: options.redisNamespace ?? settings.redisNamespace,
    mq: context.backends.mq,
    logger,
  });
  await adapters.migrate?.();
  const useCases = createFlashsaleUseCases({ ...adapters, clock, ids: context.ids, itemsPerSale: options.itemsPerSale ?? settings.itemsPerSale });
  if (settings.timeOrigin) logger.warn({ timeOrigin: settings.timeOrigin }, 'FLASHSALE_TIME_ORIGIN is set: the sale clock is not the system clock');
  const scheduler = new SaleScheduler(useCases, logger, settings);
  await scheduler.tick({ claims: true });
  if (options.startTimers ?? true) scheduler.start();
  adapters.relay.start();
  const live = new SaleCountFeed(useCases.getSale);
  const mountPath = options.mountPath ?? '/';
  logger.info({ backend: adapters.backend }, 'flash sale ready');
  return {
    adapters,
    useCases,
    scheduler,
    /** Where `router` goes: the `mountPath` option. */
    mountPath,
    /** The public routes and the page; mount with `app.use(mountPath, router)`. */
    router: flashsaleRouter(useCases, live),
    /** For `buildHttpApp`'s `fastRoutes` beside `router` at `mountPath`: `POST /checkout` ahead of express. */
    fastRoutes: mountFastRoutes(mountPath, [fastCheckout(useCases)]),
    /** Ends the live-count streams: call when draining starts, or they hold the drain open until its timeout. */
    closeStreams: () => live.close(),
    /** The signed-in routes; mount at `/api/v1/flashsale`, after auth's `authenticate`. */
    apiRouter: flashsaleApiRouter(useCases),
    resources: [live, ...adapters.resources, scheduler],
  };
}
