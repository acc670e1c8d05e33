import { describe, expect, it } from 'vitest';
import type { Cache } from '../lib/cache';
import { defineScript } from '../lib/script';

export interface CacheHarness {
  readonly cache: Cache;
  /** Lets `ms` pass for this cache: moves the clock of a memory cache, waits on a real server. */
  elapse(ms: number): Promise<void>;
  dispose?(): Promise<void>;
}

/**
 * A flash-sale claim: one unit of stock per buyer, never below zero. Replies with
 * the stock left after this claim, -1 when sold out, -2 when the buyer already holds one.
 */
const claim = defineScript({
  name: 'claim',
  keys: ['stock', 'holder'],
  args: { buyer: 'string', holdMs: 'number' },
  lua: `
if redis.call('EXISTS', KEYS[2]) == 1 then return -2 end
local stock = tonumber(redis.call('GET', KEYS[1]) or '0')
if stock <= 0 then return -1 end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return redis.call('DECRBY', KEYS[1], 1)`,
  memory: (store, keys, args) => {
    if (store.exists(keys.holder)) return -2;
    const stock = Number(store.get(keys.stock) ?? '0');
    if (stock <= 0) return -1;
    store.set(keys.holder, args.buyer, { ttlMs: args.holdMs });
    return store.incrementBy(keys.stock, -1);
  },
  decode: (reply) => {
    const left = reply as number;
    return left >= 0 ? { ok: true as const, left } : { ok: false as const, reason: left === -1 ? 'sold_out' : 'already_holding' };
  },
});

/** Multi-value replies cross as arrays; both backends must hand back the same shape. */
const snapshot = defineScript({
  name: 'snapshot',
  keys: ['a', 'b'],
  args: {},
  lua: `return { redis.call('GET', KEYS[1]) or '', redis.call('PTTL', KEYS[2]) == -1 and 1 or 0 }`,
  memory: (store, keys) => [store.get(keys.a) ?? '', store.ttl(keys.b) === Infinity ? 1 : 0],
});

const CONCURRENCY = 100;

/** The behaviour every Cache backend must show; run once per backend, unchanged. */
export function cacheContract(name: string, makeHarness: () => Promise<CacheHarness>): void {
  describe(`Cache contract: ${name}`, () => {
    async function withHarness(test: (harness: CacheHarness) => Promise<void>): Promise<void> {
      const harness = await makeHarness();
      try {
        await test(harness);
      } finally {
        await harness.dispose?.();
      }
    }

    describe('get / set / delete', () => {
      it('returns null for a missing key and the stored value after set', () =>
        withHarness(async ({ cache }) => {
          expect(await cache.get('greeting')).toBeNull();
          await cache.set('greeting', 'héllo ✓');
          expect(await cache.get('greeting')).toBe('héllo ✓');
          await cache.set('greeting', 'bye');
          expect(await cache.get('greeting')).toBe('bye');
        }));

      it('deletes and reports whether the key existed', () =>
        withHarness(async ({ cache }) => {
          await cache.set('k', 'v');
          expect(await cache.delete('k')).toBe(true);
          expect(await cache.delete('k')).toBe(false);
          expect(await cache.get('k')).toBeNull();
        }));
    });

    describe('expiry', () => {
      it('reports remaining lifetime: Infinity without TTL, null when missing', () =>
        withHarness(async ({ cache }) => {
          await cache.set('forever', 'v');
          await cache.set('bounded', 'v', { ttlMs: 60_000 });
          expect(await cache.ttl('forever')).toBe(Infinity);
          const left = await cache.ttl('bounded');
          expect(left).toBeGreaterThan(0);
          expect(left).toBeLessThanOrEqual(60_000);
          expect(await cache.ttl('missing')).toBeNull();
        }));

      it('drops a value once its TTL has passed', () =>
        withHarness(async ({ cache, elapse }) => {
          await cache.set('short', 'v', { ttlMs: 40 });
          await cache.set('long', 'v', { ttlMs: 60_000 });
          await elapse(41);
          await expect.poll(() => cache.get('short')).toBeNull();
          expect(await cache.ttl('short')).toBeNull();
          expect(await cache.get('long')).toBe('v');
        }));

      it('clears the expiry when a key is set again without TTL', () =>
        withHarness(async ({ cache, elapse }) => {
          await cache.set('k', 'first', { ttlMs: 40 });
          await cache.set('k', 'second');
          expect(await cache.ttl('k')).toBe(Infinity);
          await elapse(41);
          expect(await cache.get('k')).toBe('second');
        }));

      it('expire sets a new lifetime on existing keys only', () =>
        withHarness(async ({ cache, elapse }) => {
          await cache.set('k', 'v');
          expect(await cache.expire('k', 40)).toBe(true);
          expect(await cache.expire('missing', 40)).toBe(false);
          await elapse(41);
          await expect.poll(() => cache.get('k')).toBeNull();
        }));

      it('rejects a TTL that is not a positive whole number of milliseconds', () =>
        withHarness(async ({ cache }) => {
          await expect(cache.set('k', 'v', { ttlMs: 0 })).rejects.toThrow(RangeError);
          await expect(cache.setIfAbsent('k', 'v', { ttlMs: 1.5 })).rejects.toThrow(RangeError);
          await expect(cache.increment('k', 1, { ttlMs: -5 })).rejects.toThrow(RangeError);
          expect(await cache.get('k')).toBeNull();
        }));
    });

    describe('increment', () => {
      it('counts from zero, by any integer step', () =>
        withHarness(async ({ cache }) => {
          expect(await cache.increment('n')).toBe(1);
          expect(await cache.increment('n', 41)).toBe(42);
          expect(await cache.increment('n', -50)).toBe(-8);
          expect(await cache.get('n')).toBe('-8');
        }));

      it('applies the TTL only when it creates the key', () =>
        withHarness(async ({ cache, elapse }) => {
          expect(await cache.increment('window', 1, { ttlMs: 40 })).toBe(1);
          await cache.set('plain', '5');
          expect(await cache.increment('plain', 1, { ttlMs: 40 })).toBe(6);
          expect(await cache.ttl('plain')).toBe(Infinity);
          await elapse(41);
          await expect.poll(() => cache.get('window')).toBeNull();
          expect(await cache.increment('window', 1, { ttlMs: 60_000 })).toBe(1);
        }));

      it('keeps an existing expiry while counting', () =>
        withHarness(async ({ cache, elapse }) => {
          // Long enough that the key outlives the next two calls even on a busy machine
          // (250 ms left little room for a stall between the calls).
          await cache.increment('window', 1, { ttlMs: 3_000 });
          expect(await cache.increment('window', 1, { ttlMs: 60_000 })).toBe(2);
          expect(await cache.increment('window')).toBe(3);
          expect(await cache.ttl('window')).toBeLessThanOrEqual(3_000);
          await elapse(3_001);
          await expect.poll(() => cache.get('window')).toBeNull();
        }));

      it('refuses to count a value that is not an integer', () =>
        withHarness(async ({ cache }) => {
          await cache.set('word', 'ten');
          await expect(cache.increment('word')).rejects.toThrow(/not an integer/);
          expect(await cache.get('word')).toBe('ten');
        }));

      it(`loses no update under ${CONCURRENCY} concurrent callers`, () =>
        withHarness(async ({ cache }) => {
          const results = await Promise.all(Array.from({ length: CONCURRENCY }, () => cache.increment('hits', 1, { ttlMs: 60_000 })));
          expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: CONCURRENCY }, (_, i) => i + 1));
          expect(await cache.get('hits')).toBe(String(CONCURRENCY));
        }));
    });

    describe('setIfAbsent', () => {
      it('stores only when the key is missing', () =>
        withHarness(async ({ cache }) => {
          expect(await cache.setIfAbsent('lock', 'a', { ttlMs: 60_000 })).toBe(true);
          expect(await cache.setIfAbsent('lock', 'b')).toBe(false);
          expect(await cache.get('lock')).toBe('a');
        }));

      it('stores again once the previous value expired', () =>
        withHarness(async ({ cache, elapse }) => {
          await cache.setIfAbsent('lock', 'a', { ttlMs: 40 });
          await elapse(41);
          await expect.poll(() => cache.setIfAbsent('lock', 'b')).toBe(true);
          expect(await cache.get('lock')).toBe('b');
        }));

      it(`admits exactly one of ${CONCURRENCY} concurrent callers`, () =>
        withHarness(async ({ cache }) => {
          const results = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => cache.setIfAbsent('leader', `node-${i}`, { ttlMs: 60_000 })));
          const winners = results.flatMap((won, i) => (won ? [i] : []));
          expect(winners).toHaveLength(1);
          expect(await cache.get('leader')).toBe(`node-${winners[0]}`);
        }));
    });

    describe('scripts', () => {
      it('runs a multi-key check-and-update and decodes its reply', () =>
        withHarness(async ({ cache }) => {
          await cache.set('stock', '1');
          expect(await cache.run(claim, { stock: 'stock', holder: 'holder:ann' }, { buyer: 'ann', holdMs: 60_000 })).toEqual({
            ok: true,
            left: 0,
          });
          expect(await cache.run(claim, { stock: 'stock', holder: 'holder:ann' }, { buyer: 'ann', holdMs: 60_000 })).toEqual({
            ok: false,
            reason: 'already_holding',
          });
          expect(await cache.run(claim, { stock: 'stock', holder: 'holder:bob' }, { buyer: 'bob', holdMs: 60_000 })).toEqual({
            ok: false,
            reason: 'sold_out',
          });
          expect(await cache.get('holder:ann')).toBe('ann');
          expect(await cache.ttl('holder:ann')).toBeGreaterThan(0);
        }));

      it(`never oversells under ${CONCURRENCY} concurrent buyers`, () =>
        withHarness(async ({ cache }) => {
          const stock = 10;
          await cache.set('stock', String(stock));
          // Every buyer tries twice at once, so both the stock and the one-per-buyer check race.
          const attempts = Array.from({ length: CONCURRENCY * 2 }, (_, i) => {
            const buyer = `buyer-${i % CONCURRENCY}`;
            return cache.run(claim, { stock: 'stock', holder: `holder:${buyer}` }, { buyer, holdMs: 60_000 });
          });
          const results = await Promise.all(attempts);
          const granted = results.filter((result) => result.ok);
          expect(granted).toHaveLength(stock);
          expect(granted.map((result) => result.left).sort((a, b) => a - b)).toEqual(Array.from({ length: stock }, (_, i) => i));
          expect(await cache.get('stock')).toBe('0');
          const holders = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => cache.get(`holder:buyer-${i}`)));
          expect(holders.filter((holder) => holder !== null)).toHaveLength(stock);
        }));

      it('returns arrays, with missing values and expiry checks, identically', () =>
        withHarness(async ({ cache }) => {
          await cache.set('b', 'x');
          expect(await cache.run(snapshot, { a: 'a', b: 'b' }, {})).toEqual(['', 1]);
          await cache.set('a', 'seen');
          await cache.expire('b', 60_000);
          expect(await cache.run(snapshot, { a: 'a', b: 'b' }, {})).toEqual(['seen', 0]);
        }));

      it('rejects calls that do not give exactly the declared keys and arguments', () =>
        withHarness(async ({ cache }) => {
          const wrongKeys = { stock: 'stock' } as unknown as { stock: string; holder: string };
          await expect(cache.run(claim, wrongKeys, { buyer: 'ann', holdMs: 1_000 })).rejects.toThrow(/missing holder/);
          const extraArgs = { buyer: 'ann', holdMs: 1_000, note: 'x' };
          await expect(cache.run(claim, { stock: 's', holder: 'h' }, extraArgs)).rejects.toThrow(/undeclared note/);
          await expect(cache.run(claim, { stock: 's', holder: 'h' }, { buyer: 'ann', holdMs: NaN })).rejects.toThrow(/finite number/);
        }));
    });
  });
}
