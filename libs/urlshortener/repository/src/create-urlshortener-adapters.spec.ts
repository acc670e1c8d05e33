import { describe, expect, it } from 'vitest';
import { createUrlshortenerAdapters } from './create-urlshortener-adapters';
import { aLink } from './test-support/link-mother';

describe('createUrlshortenerAdapters', () => {
  it('runs on memory when no backend is given', async () => {
    const adapters = createUrlshortenerAdapters();
    expect(adapters.description).toBe('links=memory cache=memory clicks=memory');
    await expect(adapters.migrate()).resolves.toBeUndefined();
    const link = aLink();
    expect(await adapters.links.insert(link)).toBe('inserted');
    await adapters.cache.put(link);
    expect(adapters.cache.peek(link.code.value)).toBe(link);
    await adapters.clicks.add(new Map([[link.code.value, 2]]));
    expect(await adapters.clicks.count(link.code.value)).toBe(2);
    expect(adapters.resources).toEqual([]);
  });

  it('refuses a click store whose backend is missing', () => {
    expect(() => createUrlshortenerAdapters({ clickStore: 'mysql' })).toThrow(/needs a MySQL pool/);
    expect(() => createUrlshortenerAdapters({ clickStore: 'redis' })).toThrow(/needs a Redis client/);
  });
});
