import { createRedisCache, type RedisClient } from '@mosaic/kit-cache';
import type { Clock, Resource } from '@mosaic/kit-core';
import type { MysqlPool } from '@mosaic/kit-db';
import type { ClickCounter, LinkCache, LinkRepository } from '@mosaic/urlshortener-domain';
import { MemoryClickCounter } from './memory/memory-click-counter';
import { MemoryLinkCache } from './memory/memory-link-cache';
import { MemoryLinkRepository } from './memory/memory-link-repository';
import { migrateUrlshortener } from './mysql/migrate-urlshortener';
import { MysqlClickCounter } from './mysql/mysql-click-counter';
import { MysqlLinkRepository } from './mysql/mysql-link-repository';
import { RedisClickCounter } from './redis/redis-click-counter';
import { RedisLinkCache } from './redis/redis-link-cache';
import { TieredLinkCache } from './tiered/tiered-link-cache';

export interface UrlshortenerBackends {
  /** Links (and, by default, click totals) go to MySQL when given; memory otherwise. */
  mysql?: MysqlPool;
  /** Adds a shared cache tier (and click totals when there is no MySQL). */
  redis?: RedisClient;
  /** Where click totals go when both are given; default "mysql", the durable one. */
  clickStore?: 'mysql' | 'redis';
  /** Prefix of every Redis key; default "urlshortener". */
  redisNamespace?: string;
  /**
   * How long this process keeps links in memory in front of Redis: a link deleted
   * through another process redirects here for at most this long. Default 10 s.
   */
  localLinkTtlMs?: number;
  clock?: Clock;
}

export interface UrlshortenerAdapters {
  readonly links: LinkRepository;
  readonly cache: LinkCache;
  readonly clicks: ClickCounter;
  /** What the adapters hold open themselves (the pool and client given to them stay the caller's). */
  readonly resources: readonly Resource[];
  /** Brings the schema up to date; nothing to do without MySQL. */
  migrate(): Promise<void>;
  /** One line for start-up logs: which backend serves which port. */
  readonly description: string;
}

/** Picks each port's backend by what is given: memory for nothing, MySQL and Redis when present. */
export function createUrlshortenerAdapters(backends: UrlshortenerBackends = {}): UrlshortenerAdapters {
  const { mysql, redis, clock } = backends;
  const namespace = backends.redisNamespace ?? 'urlshortener';
  const { counter: clicks, store: clickStore } = clickCounterFor(backends, namespace);
  const links = mysql ? new MysqlLinkRepository(mysql) : new MemoryLinkRepository();
  // Alone, memory is the only tier and may keep links until evicted; in front of
  // Redis it must let go soon, or deletions made elsewhere would never reach it.
  const cache = redis
    ? new TieredLinkCache(
        new MemoryLinkCache({ clock, linkTtlMs: backends.localLinkTtlMs ?? 10_000, missingTtlMs: 2_000 }),
        new RedisLinkCache(createRedisCache(redis, { namespace: `${namespace}:link` }), { clock }),
      )
    : new MemoryLinkCache({ clock });
  return {
    links,
    cache,
    clicks,
    resources: [],
    migrate: async () => {
      if (mysql) await migrateUrlshortener(mysql);
    },
    description: `links=${mysql ? 'mysql' : 'memory'} cache=${redis ? 'memory+redis' : 'memory'} clicks=${clickStore}`,
  };
}

function clickCounterFor(backends: UrlshortenerBackends, namespace: string): { counter: ClickCounter; store: string } {
  const { mysql, redis } = backends;
  const store = backends.clickStore ?? (mysql ? 'mysql' : redis ? 'redis' : 'memory');
  if (store === 'mysql') {
    if (!mysql) throw new TypeError('clickStore "mysql" needs a MySQL pool');
    return { counter: new MysqlClickCounter(mysql), store };
  }
  if (store === 'redis') {
    if (!redis) throw new TypeError('clickStore "redis" needs a Redis client');
    return { counter: new RedisClickCounter(redis, { namespace: `${namespace}:clicks` }), store };
  }
  return { counter: new MemoryClickCounter(), store };
}
