import type { CachedLink, LinkCache } from '@mosaic/urlshortener-domain';
import { MemoryLinkCache } from '@mosaic/urlshortener-repository';
import { describe, expect, it } from 'vitest';
import { START, useCaseHarness } from '../test-support/usecase-harness';

describe('ResolveLink', () => {
  it('finds a link and counts the visit', async () => {
    const { shorten, resolveLink, clicks } = useCaseHarness();
    const link = await shorten();
    expect(await resolveLink.execute(link.code.value)).toBe(link);
    expect(clicks.pendingFor(link.code.value)).toBe(1);
  });

  it('does not count a visit when asked not to', async () => {
    const { shorten, resolveLink, clicks } = useCaseHarness();
    const link = await shorten();
    await resolveLink.execute(link.code.value, false);
    resolveLink.peek(link.code.value, false);
    expect(clicks.pendingFor(link.code.value)).toBe(0);
  });

  it('answers a cached link synchronously, without touching the repository', async () => {
    const { shorten, resolveLink, links, clicks } = useCaseHarness();
    const link = await shorten();
    const readsBefore = links.reads;
    for (let i = 0; i < 100; i++) expect(resolveLink.peek(link.code.value)).toBe(link);
    expect(links.reads).toBe(readsBefore);
    expect(clicks.pendingFor(link.code.value)).toBe(100);
  });

  it('leaves peek undecided for a code it has never seen', () => {
    const { resolveLink } = useCaseHarness();
    expect(resolveLink.peek('unknown1')).toBeUndefined();
  });

  it('reads the repository once for an unknown code, then answers from the negative cache', async () => {
    const { resolveLink, links, clicks } = useCaseHarness();
    for (let i = 0; i < 50; i++) expect(await resolveLink.execute('nope1234')).toBeNull();
    expect(links.reads).toBe(1);
    expect(resolveLink.peek('nope1234')).toBeNull();
    expect(clicks.pendingFor('nope1234')).toBe(0);
  });

  it('reads the repository once for a burst of concurrent requests for a cold code', async () => {
    const link = await useCaseHarness().shorten();
    // Stored, but never seen by this harness's cache: the burst must still cost one read.
    const { resolveLink, links, clicks } = useCaseHarness();
    await links.inner.insert(link);
    const results = await Promise.all(Array.from({ length: 100 }, () => resolveLink.execute(link.code.value)));
    expect(results.every((result) => result?.code.value === link.code.value)).toBe(true);
    expect(links.reads).toBe(1);
    expect(clicks.pendingFor(link.code.value)).toBe(100);
  });

  it('treats an expired link as missing, from the cache and from the repository', async () => {
    const { shorten, resolveLink, clock } = useCaseHarness();
    const link = await shorten({ expiresAt: new Date(START + 60_000) });
    expect(await resolveLink.execute(link.code.value)).toBe(link);
    clock.advance(60_000);
    expect(resolveLink.peek(link.code.value)).toBeNull();
    expect(await resolveLink.execute(link.code.value)).toBeNull();

    const cold = useCaseHarness();
    cold.clock.set(START + 60_000);
    await cold.links.inner.insert(link);
    expect(await cold.resolveLink.execute(link.code.value)).toBeNull();
  });

  it('treats a deleted link as missing', async () => {
    const { shorten, resolveLink, deleteLink } = useCaseHarness();
    const link = await shorten({ ownerId: 'u1' });
    await deleteLink.execute({ code: link.code.value, principalId: 'u1' });
    expect(await resolveLink.execute(link.code.value)).toBeNull();
  });

  it('never looks up junk or reserved codes', async () => {
    const { resolveLink, links } = useCaseHarness();
    for (const code of ['ab', 'favicon.ico', 'x'.repeat(33), '<script>', 'health', 'API']) {
      expect(await resolveLink.execute(code)).toBeNull();
    }
    expect(links.reads).toBe(0);
  });

  it('falls back to the repository when the cache fails, and reports it', async () => {
    const memory = new MemoryLinkCache();
    const failing: LinkCache = {
      peek: () => undefined,
      get: async () => Promise.reject(new Error('cache down')),
      fill: (code: string, found: CachedLink) => memory.fill(code, found),
      put: async () => undefined,
      putMissing: async () => undefined,
    };
    const { shorten, resolveLink, errors } = useCaseHarness({ cache: failing });
    const link = await shorten({ alias: 'resilient' });
    expect((await resolveLink.execute('resilient'))?.url).toBe(link.url);
    expect(errors.map((e) => e.context)).toEqual(['reading link resilient from the cache']);
  });
});
