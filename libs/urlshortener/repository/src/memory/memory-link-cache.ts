import type { Clock } from '@mosaic/kit-core';
import type { CachedLink, Link, LinkCache } from '@mosaic/urlshortener-domain';
import { LRUCache } from 'lru-cache';

export interface MemoryLinkCacheOptions {
  /** Links held at most; the least recently used goes first. Default 100,000. */
  maxLinks?: number;
  /** Unknown codes remembered at most; kept apart so a flood of junk codes never evicts hot links. Default 10,000. */
  maxMissing?: number;
  /** How long a link is held; omit to keep it until evicted (links never change). */
  linkTtlMs?: number;
  /** How long an unknown code is remembered. Default 30 s. */
  missingTtlMs?: number;
  /** Reads expiry from this clock so tests can move time; default the process's monotonic time. */
  clock?: Clock;
}

/**
 * Links in this process's memory, answering `peek` synchronously: the redirect
 * serves a hot link without a single await. Alone it is the embedded default's
 * cache; in front of Redis it is the first tier of `TieredLinkCache`.
 */
export class MemoryLinkCache implements LinkCache {
  private readonly links: LRUCache<string, Link>;
  private readonly missing: LRUCache<string, true>;

  constructor(options: MemoryLinkCacheOptions = {}) {
    const clock = options.clock;
    // A clock read per check: a cached "now" would let a moved test clock lag behind.
    const timing = clock ? { perf: { now: () => clock.nowMs() }, ttlResolution: 0 } : {};
    this.links = new LRUCache<string, Link>({ max: options.maxLinks ?? 100_000, ttl: options.linkTtlMs ?? 0, ...timing });
    this.missing = new LRUCache<string, true>({ max: options.maxMissing ?? 10_000, ttl: options.missingTtlMs ?? 30_000, ...timing });
  }

  peek(code: string): CachedLink | undefined {
    const link = this.links.get(code);
    if (link !== undefined) return link;
    return this.missing.get(code) ? null : undefined;
  }

  async get(code: string): Promise<CachedLink | undefined> {
    return this.peek(code);
  }

  async fill(code: string, found: CachedLink): Promise<void> {
    this.fillNow(code, found);
  }

  async put(link: Link): Promise<void> {
    this.putNow(link);
  }

  async putMissing(code: string): Promise<void> {
    this.putMissingNow(code);
  }

  /** Synchronous `fill`, for a tier above another cache. */
  fillNow(code: string, found: CachedLink): void {
    if (this.links.has(code) || this.missing.has(code)) return;
    if (found === null) this.missing.set(code, true);
    else this.links.set(code, found);
  }

  /** Synchronous `put`. */
  putNow(link: Link): void {
    this.missing.delete(link.code.value);
    this.links.set(link.code.value, link);
  }

  /** Synchronous `putMissing`. */
  putMissingNow(code: string): void {
    this.links.delete(code);
    this.missing.set(code, true);
  }
}
