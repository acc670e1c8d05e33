import type { CacheScript, ScriptArg } from './script';

export interface CacheSetOptions {
  /** Lifetime in whole milliseconds (> 0). Omitted: the entry never expires. */
  ttlMs?: number;
}

/**
 * A string key/value store with expiry and atomic operations, shaped after Redis so
 * the memory and Redis backends agree on every edge (missing keys, TTL resets on
 * `set`, integer overflow). Values are strings; callers serialise what they store.
 */
export interface Cache {
  get(key: string): Promise<string | null>;
  /** Replaces the value and its expiry: without `ttlMs` the entry no longer expires. */
  set(key: string, value: string, options?: CacheSetOptions): Promise<void>;
  /** Stores only when the key is absent; true when this call stored it. */
  setIfAbsent(key: string, value: string, options?: CacheSetOptions): Promise<boolean>;
  /** True when the key existed. */
  delete(key: string): Promise<boolean>;
  /**
   * Adds `by` (a safe integer, default 1) to the integer stored at `key`, treating a
   * missing key as 0, and returns the new value. `ttlMs` applies only when this call
   * creates the key, so a counter's window is never extended by later increments.
   */
  increment(key: string, by?: number, options?: CacheSetOptions): Promise<number>;
  /** Sets a new lifetime on an existing key; false when the key is missing. */
  expire(key: string, ttlMs: number): Promise<boolean>;
  /** Remaining lifetime in ms: `Infinity` when the key never expires, `null` when it is missing. */
  ttl(key: string): Promise<number | null>;
  /** Runs a script atomically: no other operation on this cache interleaves with it. */
  run<K extends string, A extends Record<string, ScriptArg>, R>(script: CacheScript<K, A, R>, keys: Readonly<Record<K, string>>, args: A): Promise<R>;
}
