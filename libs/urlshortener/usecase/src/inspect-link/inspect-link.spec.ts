import type { ClickCounter } from '@mosaic/urlshortener-domain';
import { MemoryClickCounter } from '@mosaic/urlshortener-repository';
import { describe, expect, it } from 'vitest';
import { rejectionCode, START, useCaseHarness } from '../test-support/usecase-harness';

describe('InspectLink', () => {
  it('returns the link with zero clicks before any visit', async () => {
    const { shorten, inspectLink } = useCaseHarness();
    const link = await shorten();
    expect(await inspectLink.execute(link.code.value)).toEqual({ link, clicks: 0 });
  });

  it('stores buffered clicks before it counts them', async () => {
    const { shorten, inspectLink, resolveLink, clicks, counter } = useCaseHarness();
    const link = await shorten();
    for (let i = 0; i < 3; i++) await resolveLink.execute(link.code.value);
    await clicks.flush();
    for (let i = 0; i < 2; i++) await resolveLink.execute(link.code.value);
    expect(await counter.count(link.code.value)).toBe(3);
    expect((await inspectLink.execute(link.code.value)).clicks).toBe(5);
  });

  it('neither loses nor double-counts a batch stored while it reads the total', async () => {
    const stored = new MemoryClickCounter();
    let flushDuringRead: (() => Promise<void>) | undefined;
    // The first read of the total lets a flush complete before it answers.
    const racing: ClickCounter = {
      add: (deltas) => stored.add(deltas),
      count: async (code) => {
        const total = await stored.count(code);
        const flush = flushDuringRead;
        flushDuringRead = undefined;
        await flush?.();
        return total;
      },
    };
    const { shorten, inspectLink, resolveLink, clicks } = useCaseHarness({ counter: racing });
    const link = await shorten();
    for (let i = 0; i < 4; i++) await resolveLink.execute(link.code.value);
    flushDuringRead = () => clicks.flush();
    expect((await inspectLink.execute(link.code.value)).clicks).toBe(4);
  });

  it('never shows a click a crash could take back', async () => {
    const counter = new MemoryClickCounter();
    const before = useCaseHarness({ counter });
    const link = await before.shorten();
    for (let i = 0; i < 3; i++) await before.resolveLink.execute(link.code.value);
    const shown = (await before.inspectLink.execute(link.code.value)).clicks;
    await before.resolveLink.execute(link.code.value);
    // The process dies here: its buffer is never flushed. Another one reads the same store.
    const after = useCaseHarness({ counter });
    await after.links.inner.insert(link);
    expect(shown).toBe(3);
    expect((await after.inspectLink.execute(link.code.value)).clicks).toBeGreaterThanOrEqual(shown);
  });

  it('shows the stored total when storing the buffered clicks fails', async () => {
    const stored = new MemoryClickCounter();
    await stored.add(new Map([['aaa1111', 2]]));
    const failing: ClickCounter = { add: async () => Promise.reject(new Error('store down')), count: (code) => stored.count(code) };
    const { inspectLink, resolveLink, shorten, errors } = useCaseHarness({ counter: failing });
    await shorten({ alias: 'aaa1111' });
    await resolveLink.execute('aaa1111');
    expect((await inspectLink.execute('aaa1111')).clicks).toBe(2);
    expect(errors.map((e) => e.context)).toContain('storing click counts before a stats read');
  });

  it('still shows an expired link', async () => {
    const { shorten, inspectLink, clock } = useCaseHarness();
    const link = await shorten({ expiresAt: new Date(START + 1_000) });
    clock.advance(5_000);
    expect((await inspectLink.execute(link.code.value)).link).toBe(link);
  });

  it('answers 404 for unknown, junk and deleted codes', async () => {
    const { shorten, inspectLink, deleteLink } = useCaseHarness();
    await shorten({ alias: 'short-lived', ownerId: 'u1' });
    await deleteLink.execute({ code: 'short-lived', principalId: 'u1' });
    for (const code of ['unknown1', 'no.dots', 'short-lived']) {
      expect(await rejectionCode(inspectLink.execute(code))).toBe('link_not_found');
    }
  });
});
