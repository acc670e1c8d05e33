import { createMemoryCache } from '@mosaic/kit-cache';
import { ManualClock } from '@mosaic/kit-core';
import { describe, expect, it } from 'vitest';
import { clickCounterContract } from '../contract/click-counter-contract';
import { linkCacheContract } from '../contract/link-cache-contract';
import { linkRepositoryContract } from '../contract/link-repository-contract';
import { RedisLinkCache } from '../redis/redis-link-cache';
import { aLink, anUnusedCode } from '../test-support/link-mother';
import { TieredLinkCache } from '../tiered/tiered-link-cache';
import { MemoryClickCounter } from './memory-click-counter';
import { MemoryLinkCache } from './memory-link-cache';
import { MemoryLinkRepository } from './memory-link-repository';

const MISSING_TTL_MS = 30_000;

linkRepositoryContract('memory', async () => ({ repository: new MemoryLinkRepository() }));

clickCounterContract('memory', async () => ({ counter: new MemoryClickCounter() }));

linkCacheContract('memory', async () => {
  const clock = new ManualClock();
  return {
    cache: new MemoryLinkCache({ clock, missingTtlMs: MISSING_TTL_MS }),
    missingTtlMs: MISSING_TTL_MS,
    elapse: async (ms) => clock.advance(ms),
  };
});

// The shared-cache adapter on kit-cache's memory backend: its encoding, TTLs and
// fill-only-when-absent rule, without a Redis server.
linkCacheContract('shared cache over kit-cache memory', async () => {
  const clock = new ManualClock();
  return {
    cache: new RedisLinkCache(createMemoryCache({ clock }), { clock, missingTtlMs: MISSING_TTL_MS }),
    missingTtlMs: MISSING_TTL_MS,
    elapse: async (ms) => clock.advance(ms),
  };
});

linkCacheContract('tiered over kit-cache memory', async () => {
  const clock = new ManualClock();
  return {
    cache: new TieredLinkCache(
      new MemoryLinkCache({ clock, missingTtlMs: MISSING_TTL_MS }),
      new RedisLinkCache(createMemoryCache({ clock }), { clock, missingTtlMs: MISSING_TTL_MS }),
    ),
    missingTtlMs: MISSING_TTL_MS,
    elapse: async (ms) => clock.advance(ms),
  };
});

describe('MemoryLinkCache', () => {
  it('keeps hot links when a flood of unknown codes arrives', async () => {
    const cache = new MemoryLinkCache({ maxLinks: 10, maxMissing: 10 });
    const hot = aLink();
    await cache.put(hot);
    for (let i = 0; i < 1_000; i++) await cache.fill(anUnusedCode(), null);
    expect(cache.peek(hot.code.value)).toBe(hot);
  });

  it('lets a link go after its time to live when one is set', async () => {
    const clock = new ManualClock();
    const cache = new MemoryLinkCache({ clock, linkTtlMs: 1_000 });
    const link = aLink();
    await cache.put(link);
    clock.advance(1_000);
    expect(cache.peek(link.code.value)).toBe(link);
    clock.advance(1);
    expect(cache.peek(link.code.value)).toBeUndefined();
  });
});

describe('RedisLinkCache', () => {
  it('holds a link no longer than until it expires', async () => {
    const clock = new ManualClock();
    const store = createMemoryCache({ clock });
    const cache = new RedisLinkCache(store, { clock });
    const link = aLink({ expiresAt: new Date(clock.nowMs() + 5_000) });
    await cache.put(link);
    expect(await store.ttl(link.code.value)).toBe(5_000);
  });
});

describe('TieredLinkCache', () => {
  it('serves a link found in the shared tier from memory afterwards', async () => {
    const shared = new RedisLinkCache(createMemoryCache());
    const link = aLink();
    await shared.put(link);
    const tiered = new TieredLinkCache(new MemoryLinkCache(), shared);
    expect(tiered.peek(link.code.value)).toBeUndefined();
    expect((await tiered.get(link.code.value))?.url).toBe(link.url);
    expect(tiered.peek(link.code.value)?.url).toBe(link.url);
  });

  it('sees a deletion made through another process once its memory entry expires', async () => {
    const clock = new ManualClock();
    const shared = new RedisLinkCache(createMemoryCache({ clock }), { clock });
    const here = new TieredLinkCache(new MemoryLinkCache({ clock, linkTtlMs: 10_000 }), shared);
    const elsewhere = new TieredLinkCache(new MemoryLinkCache({ clock, linkTtlMs: 10_000 }), shared);
    const link = aLink();
    await here.put(link);
    await elsewhere.putMissing(link.code.value);
    expect(here.peek(link.code.value)).toBe(link);
    clock.advance(10_001);
    expect(here.peek(link.code.value)).toBeUndefined();
    expect(await here.get(link.code.value)).toBeNull();
  });
});
