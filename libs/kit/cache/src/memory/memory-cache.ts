import type { Clock } from '@mosaic/kit-core';
import { LRUCache } from 'lru-cache';
import type { Cache, CacheSetOptions } from '../lib/cache';
import { assertPortableReply, orderedArgs, orderedKeys, type CacheScript, type ScriptArg, type ScriptStore } from '../lib/script';
import { assertCounter, assertIncrement, assertTtl, NOT_AN_INTEGER } from '../lib/validation';

export interface MemoryCacheOptions {
  /** Entries kept before the least recently used is evicted; default 10,000. */
  maxEntries?: number;
  /** Reads expiry time from this clock, so tests can move time; default the process's monotonic time. */
  clock?: Clock;
}

const INTEGER = /^-?(0|[1-9]\d*)$/;

/**
 * The in-process backend. Every operation is synchronous underneath, so each one —
 * and each script — is atomic with respect to the others on the event loop.
 */
class MemoryCache implements Cache {
  private readonly entries: LRUCache<string, string>;
  private readonly store: ScriptStore;

  constructor(options: MemoryCacheOptions) {
    const maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    const clock = options.clock;
    this.entries = new LRUCache<string, string>({
      max: maxEntries,
      // Read the clock on every check: a cached "now" would let a moved clock lag.
      ttlResolution: 0,
      ...(clock ? { perf: { now: () => clock.nowMs() } } : {}),
    });
    this.store = this.createStore();
  }

  async get(key: string): Promise<string | null> {
    return this.store.get(key);
  }

  async set(key: string, value: string, options: CacheSetOptions = {}): Promise<void> {
    this.store.set(key, value, options);
  }

  async setIfAbsent(key: string, value: string, options: CacheSetOptions = {}): Promise<boolean> {
    if (options.ttlMs !== undefined) assertTtl(options.ttlMs);
    if (this.store.exists(key)) return false;
    this.store.set(key, value, options);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.store.delete(key);
  }

  async increment(key: string, by = 1, options: CacheSetOptions = {}): Promise<number> {
    assertIncrement(by);
    if (options.ttlMs !== undefined) assertTtl(options.ttlMs);
    const created = !this.store.exists(key);
    const value = this.store.incrementBy(key, by);
    if (created && options.ttlMs !== undefined) this.store.expire(key, options.ttlMs);
    return value;
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    return this.store.expire(key, ttlMs);
  }

  async ttl(key: string): Promise<number | null> {
    return this.store.ttl(key);
  }

  async run<K extends string, A extends Record<string, ScriptArg>, R>(script: CacheScript<K, A, R>, keys: Readonly<Record<K, string>>, args: A): Promise<R> {
    // Validate exactly as the Redis backend does, so a bad call fails on both.
    orderedKeys(script, keys);
    orderedArgs(script, args);
    const reply: unknown = script.memory(this.store, keys, args);
    assertPortableReply(script.name, reply);
    return script.decode(reply);
  }

  private createStore(): ScriptStore {
    const entries = this.entries;
    const store: ScriptStore = {
      get: (key) => entries.get(key) ?? null,
      exists: (key) => entries.has(key),
      set: (key, value, options = {}) => {
        if (options.ttlMs !== undefined) assertTtl(options.ttlMs);
        if (options.keepTtl && entries.has(key)) {
          entries.set(key, value, { noUpdateTTL: true });
        } else {
          // ttl 0 clears an earlier expiry, as SET without PX does.
          entries.set(key, value, { ttl: options.ttlMs ?? 0 });
        }
      },
      delete: (key) => entries.delete(key),
      incrementBy: (key, by) => {
        assertIncrement(by);
        const current = entries.get(key);
        if (current !== undefined && !INTEGER.test(current)) throw new Error(NOT_AN_INTEGER);
        const next = assertCounter(Number(current ?? '0') + by, key);
        store.set(key, String(next), { keepTtl: true });
        return next;
      },
      expire: (key, ttlMs) => {
        assertTtl(ttlMs);
        const value = entries.get(key);
        if (value === undefined) return false;
        entries.set(key, value, { ttl: ttlMs });
        return true;
      },
      ttl: (key) => {
        if (!entries.has(key)) return null;
        return entries.getRemainingTTL(key);
      },
    };
    return store;
  }
}

export function createMemoryCache(options: MemoryCacheOptions = {}): Cache {
  return new MemoryCache(options);
}
