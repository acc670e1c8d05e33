import { ManualClock } from '@mosaic/kit-core';
import { MemoryClickCounter, MemoryLinkCache, MemoryLinkRepository } from '@mosaic/urlshortener-repository';
import { describe, expect, it } from 'vitest';
import { createUrlshortenerUseCases } from './urlshortener-use-cases';

describe('createUrlshortenerUseCases', () => {
  it('wires every use case to the same ports and stores clicks when its resource closes', async () => {
    const clicks = new MemoryClickCounter();
    const clock = new ManualClock();
    const useCases = createUrlshortenerUseCases(
      { links: new MemoryLinkRepository(), cache: new MemoryLinkCache({ clock }), clicks },
      { onError: (error) => expect.fail(String(error)), publicUrl: 'https://sho.rt', clock, clickFlushIntervalMs: 60_000 },
    );
    const link = await useCases.createLink.execute({ url: 'https://example.com/', ownerId: 'u1' });
    expect(useCases.resolveLink.peek(link.code.value)).toBe(link);
    expect((await useCases.inspectLink.execute(link.code.value)).clicks).toBe(1);
    await expect(useCases.createLink.execute({ url: 'https://sho.rt/x' })).rejects.toMatchObject({ code: 'self_referencing_url' });
    await useCases.resource.close();
    expect(await clicks.count(link.code.value)).toBe(1);
    await useCases.deleteLink.execute({ code: link.code.value, principalId: 'u1' });
    expect(await useCases.resolveLink.execute(link.code.value)).toBeNull();
  });
});
