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

  it('counts stored and still-buffered clicks together', async () => {
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
