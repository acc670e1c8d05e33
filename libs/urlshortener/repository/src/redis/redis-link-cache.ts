import type { Cache } from '@mosaic/kit-cache';
import { systemClock, type Clock } from '@mosaic/kit-core';
import type { CachedLink, Link, LinkCache } from '@mosaic/urlshortener-domain';
import { decodeCachedLink, encodeCachedLink } from './link-cache-codec';

export interface RedisLinkCacheOptions {
  /** How long a link is held; default 24 h. Links never change, so this only bounds memory. */
  linkTtlMs?: number;
  /** How long an unknown code is remembered; default 60 s. */
  missingTtlMs?: number;
  clock?: Clock;
}

/**
 * Links shared by every process through Redis (any kit-cache `Cache` works; Redis
 * is the one that makes it shared). It holds nothing in process memory, so `peek`
 * always defers: put a `MemoryLinkCache` in front with `TieredLinkCache`.
 */
export class RedisLinkCache implements LinkCache {
  private readonly linkTtlMs: number;
  private readonly missingTtlMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly store: Cache,
    options: RedisLinkCacheOptions = {},
  ) {
    this.linkTtlMs = options.linkTtlMs ?? 86_400_000;
    this.missingTtlMs = options.missingTtlMs ?? 60_000;
    this.clock = options.clock ?? systemClock;
  }

  peek(): undefined {
    return undefined;
  }

  async get(code: string): Promise<CachedLink | undefined> {
    const value = await this.store.get(code);
    return value === null ? undefined : decodeCachedLink(code, value);
  }

  async fill(code: string, found: CachedLink): Promise<void> {
    await this.store.setIfAbsent(code, encodeCachedLink(found), { ttlMs: this.ttlOf(found) });
  }

  async put(link: Link): Promise<void> {
    await this.store.set(link.code.value, encodeCachedLink(link), { ttlMs: this.ttlOf(link) });
  }

  async putMissing(code: string): Promise<void> {
    await this.store.set(code, encodeCachedLink(null), { ttlMs: this.missingTtlMs });
  }

  /** A link that expires is not worth holding past its expiry; one already expired is as good as missing. */
  private ttlOf(found: CachedLink): number {
    if (found === null) return this.missingTtlMs;
    if (found.expiresAt === null) return this.linkTtlMs;
    const left = found.expiresAt.getTime() - this.clock.nowMs();
    return left > 0 ? Math.min(this.linkTtlMs, Math.ceil(left)) : this.missingTtlMs;
  }
}
