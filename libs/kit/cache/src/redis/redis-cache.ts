import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Cache, CacheSetOptions } from '../lib/cache';
import { orderedArgs, orderedKeys, type CacheScript, type ScriptArg, type ScriptReply } from '../lib/script';
import { assertCounter, assertIncrement, assertTtl } from '../lib/validation';
import { LuaRunner } from './lua-runner';

export interface RedisCacheOptions {
  /**
   * Prepended to every key (followed by ":"), so caches sharing one server never see
   * each other's keys, e.g. "urlshortener:links".
   */
  namespace: string;
}

// The existence check and the expiry must happen with the increment, or a counter
// created by a racing caller could be left without its TTL (or get a second one).
const INCREMENT_CREATING_WITH_TTL = `
local existed = redis.call('EXISTS', KEYS[1])
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if existed == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`;
const INCREMENT_SHA1 = createHash('sha1').update(INCREMENT_CREATING_WITH_TTL).digest('hex');

/** Scripts are shared per client so each loads once however many caches use it. */
const runners = new WeakMap<Redis, LuaRunner>();

class RedisCache implements Cache {
  private readonly prefix: string;
  private readonly lua: LuaRunner;

  constructor(
    private readonly client: Redis,
    options: RedisCacheOptions,
  ) {
    if (!options.namespace) throw new TypeError('a Redis cache needs a namespace');
    if (client.options.keyPrefix) {
      throw new TypeError('pass a Redis client without keyPrefix: the cache prefixes its own keys with its namespace');
    }
    this.prefix = `${options.namespace}:`;
    let runner = runners.get(client);
    if (!runner) {
      runner = new LuaRunner(client);
      runners.set(client, runner);
    }
    this.lua = runner;
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(this.key(key));
  }

  async set(key: string, value: string, options: CacheSetOptions = {}): Promise<void> {
    if (options.ttlMs === undefined) {
      await this.client.set(this.key(key), value);
    } else {
      assertTtl(options.ttlMs);
      await this.client.set(this.key(key), value, 'PX', options.ttlMs);
    }
  }

  async setIfAbsent(key: string, value: string, options: CacheSetOptions = {}): Promise<boolean> {
    if (options.ttlMs === undefined) {
      return (await this.client.set(this.key(key), value, 'NX')) === 'OK';
    }
    assertTtl(options.ttlMs);
    return (await this.client.set(this.key(key), value, 'PX', options.ttlMs, 'NX')) === 'OK';
  }

  async delete(key: string): Promise<boolean> {
    return (await this.client.del(this.key(key))) > 0;
  }

  async increment(key: string, by = 1, options: CacheSetOptions = {}): Promise<number> {
    assertIncrement(by);
    if (options.ttlMs === undefined) return assertCounter(await this.client.incrby(this.key(key), by), key);
    assertTtl(options.ttlMs);
    const value = await this.lua.run(INCREMENT_SHA1, INCREMENT_CREATING_WITH_TTL, [this.key(key)], [String(by), String(options.ttlMs)]);
    return assertCounter(Number(value), key);
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    assertTtl(ttlMs);
    return (await this.client.pexpire(this.key(key), ttlMs)) === 1;
  }

  async ttl(key: string): Promise<number | null> {
    const ms = await this.client.pttl(this.key(key));
    if (ms === -2) return null;
    if (ms === -1) return Infinity;
    return ms;
  }

  async run<K extends string, A extends Record<string, ScriptArg>, R>(script: CacheScript<K, A, R>, keys: Readonly<Record<K, string>>, args: A): Promise<R> {
    const redisKeys = orderedKeys(script, keys).map((key) => this.key(key));
    const reply = await this.lua.run(script.sha1, script.lua, redisKeys, orderedArgs(script, args));
    return script.decode(reply as ScriptReply);
  }

  private key(key: string): string {
    return this.prefix + key;
  }
}

export function createRedisCache(client: Redis, options: RedisCacheOptions): Cache {
  return new RedisCache(client, options);
}
