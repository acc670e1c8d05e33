import { ManualClock } from '@mosaic/kit-core';
import { describe, expect, it } from 'vitest';
import { cacheContract } from '../contract/cache-contract';
import { defineScript } from '../lib/script';
import { createMemoryCache } from './memory-cache';

cacheContract('memory', async () => {
  const clock = new ManualClock();
  return { cache: createMemoryCache({ clock }), elapse: async (ms) => clock.advance(ms) };
});

describe('memory cache', () => {
  it('keeps a value for exactly its TTL', async () => {
    const clock = new ManualClock();
    const cache = createMemoryCache({ clock });
    await cache.set('k', 'v', { ttlMs: 1_000 });
    clock.advance(1_000);
    expect(await cache.get('k')).toBe('v');
    expect(await cache.ttl('k')).toBe(0);
    clock.advance(1);
    expect(await cache.get('k')).toBeNull();
  });

  it('evicts the least recently used entry beyond its bound', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.set('a', '1');
    await cache.set('b', '2');
    await cache.get('a');
    await cache.set('c', '3');
    expect(await cache.get('b')).toBeNull();
    expect(await cache.get('a')).toBe('1');
    expect(await cache.get('c')).toBe('3');
  });

  it('rejects a memory script reply Redis could not produce', async () => {
    const cache = createMemoryCache();
    const fraction = defineScript({ name: 'fraction', keys: ['k'], args: {}, lua: 'return 1', memory: () => 0.5 });
    const asynchronous = defineScript({
      name: 'async',
      keys: ['k'],
      args: {},
      lua: 'return 1',
      memory: () => Promise.resolve(1) as unknown as number,
    });
    await expect(cache.run(fraction, { k: 'k' }, {})).rejects.toThrow(/non-integer 0.5/);
    await expect(cache.run(asynchronous, { k: 'k' }, {})).rejects.toThrow(/must be synchronous/);
  });

  it('types keys and arguments from the definition, and checks them at run time too', async () => {
    const cache = createMemoryCache();
    const hold = defineScript({
      name: 'hold',
      keys: ['slot'],
      args: { owner: 'string', ttlMs: 'number' },
      lua: "return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') and 1 or 0",
      memory: (store, keys, args) => {
        if (store.exists(keys.slot)) return 0;
        store.set(keys.slot, args.owner, { ttlMs: args.ttlMs });
        return 1;
      },
      decode: (reply) => reply === 1,
    });
    const held: boolean = await cache.run(hold, { slot: 'a' }, { owner: 'ann', ttlMs: 1_000 });
    expect(held).toBe(true);
    // @ts-expect-error ttlMs is declared as a number
    await expect(cache.run(hold, { slot: 'b' }, { owner: 'ann', ttlMs: '1000' })).rejects.toThrow(/"ttlMs" must be a finite number/);
    // @ts-expect-error the script declares no key named "other"
    await expect(cache.run(hold, { other: 'b' }, { owner: 'ann', ttlMs: 1_000 })).rejects.toThrow(/missing slot; undeclared other/);
  });

  it('refuses a script that declares a key twice', () => {
    expect(() => defineScript({ name: 'twice', keys: ['k', 'k'], args: {}, lua: 'return 1', memory: () => 1 })).toThrow(/declares key "k" twice/);
  });
});
