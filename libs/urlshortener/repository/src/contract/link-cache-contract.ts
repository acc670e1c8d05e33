import type { Link, LinkCache } from '@mosaic/urlshortener-domain';
import { describe, expect, it } from 'vitest';
import { aLink, anUnusedCode } from '../test-support/link-mother';

export interface LinkCacheHarness {
  readonly cache: LinkCache;
  /** How long the cache remembers that a code does not exist. */
  readonly missingTtlMs: number;
  /** Lets `ms` pass for this cache: moves a manual clock, or waits on a real server. */
  elapse(ms: number): Promise<void>;
  dispose?(): Promise<void>;
}

function sameLink(actual: Link | null | undefined, expected: Link): void {
  expect(actual?.toSnapshot()).toEqual(expected.toSnapshot());
}

/** What every LinkCache backend must do; run once per backend, unchanged. */
export function linkCacheContract(name: string, makeHarness: () => Promise<LinkCacheHarness>): void {
  describe(`LinkCache contract: ${name}`, () => {
    async function withCache(test: (harness: LinkCacheHarness) => Promise<void>): Promise<void> {
      const harness = await makeHarness();
      try {
        await test(harness);
      } finally {
        await harness.dispose?.();
      }
    }

    it('knows nothing about a code it was never told of', () =>
      withCache(async ({ cache }) => {
        const code = anUnusedCode();
        expect(await cache.get(code)).toBeUndefined();
        expect(cache.peek(code)).toBeUndefined();
      }));

    it('returns a put link with every field intact', () =>
      withCache(async ({ cache }) => {
        const link = aLink({ ownerId: 'user-42', expiresAt: new Date('2099-01-01T00:00:00.001Z') });
        await cache.put(link);
        sameLink(await cache.get(link.code.value), link);
      }));

    it('tells codes apart by case', () =>
      withCache(async ({ cache }) => {
        const link = aLink({ code: `case${anUnusedCode().toLowerCase()}` });
        await cache.put(link);
        expect(await cache.get(link.code.value.toUpperCase())).toBeUndefined();
      }));

    it('remembers that a code does not exist', () =>
      withCache(async ({ cache }) => {
        const code = anUnusedCode();
        await cache.fill(code, null);
        expect(await cache.get(code)).toBeNull();
      }));

    it('forgets a missing code after its time to live', () =>
      withCache(async ({ cache, missingTtlMs, elapse }) => {
        const code = anUnusedCode();
        await cache.fill(code, null);
        await elapse(missingTtlMs + 1);
        await expect.poll(() => cache.get(code)).toBeUndefined();
      }));

    it('lets a created link replace the negative entry for its code', () =>
      withCache(async ({ cache }) => {
        const link = aLink();
        await cache.fill(link.code.value, null);
        await cache.put(link);
        sameLink(await cache.get(link.code.value), link);
      }));

    it('lets a deletion replace the cached link', () =>
      withCache(async ({ cache }) => {
        const link = aLink();
        await cache.put(link);
        await cache.putMissing(link.code.value);
        expect(await cache.get(link.code.value)).toBeNull();
      }));

    it('fills only what it does not hold, so a slow reader cannot undo a create or a delete', () =>
      withCache(async ({ cache }) => {
        const created = aLink();
        await cache.put(created);
        await cache.fill(created.code.value, null);
        sameLink(await cache.get(created.code.value), created);

        const deleted = aLink();
        await cache.putMissing(deleted.code.value);
        await cache.fill(deleted.code.value, deleted);
        expect(await cache.get(deleted.code.value)).toBeNull();

        const read = aLink();
        await cache.fill(read.code.value, read);
        sameLink(await cache.get(read.code.value), read);
      }));

    it('answers peek synchronously with what get would say, or nothing', () =>
      withCache(async ({ cache }) => {
        const link = aLink();
        const missing = anUnusedCode();
        await cache.put(link);
        await cache.putMissing(missing);
        await cache.get(link.code.value);
        await cache.get(missing);
        const peeked = cache.peek(link.code.value);
        if (peeked !== undefined) sameLink(peeked, link);
        expect([undefined, null]).toContain(cache.peek(missing));
      }));
  });
}
