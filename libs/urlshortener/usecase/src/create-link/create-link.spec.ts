import { AppError } from '@mosaic/kit-core';
import type { CachedLink, Link, LinkCache, RandomBytes } from '@mosaic/urlshortener-domain';
import { describe, expect, it } from 'vitest';
import { rejectionCode, START, useCaseHarness } from '../test-support/usecase-harness';

/** Always hands out the same bytes, so every random code comes out the same. */
const constantBytes =
  (byte: number): RandomBytes =>
  (size) =>
    new Uint8Array(size).fill(byte);

describe('CreateLink', () => {
  it('stores the link under a fresh random code and returns it', async () => {
    const { shorten, links } = useCaseHarness();
    const link = await shorten({ url: 'https://example.com/a?b=c' });
    expect(link.code.value).toMatch(/^[0-9A-Za-z]{7}$/);
    expect(link.toSnapshot()).toMatchObject({ url: 'https://example.com/a?b=c', ownerId: null, createdAt: new Date(START), expiresAt: null });
    expect(await links.findByCode(link.code.value)).toBe(link);
  });

  it('gives the same URL a new code each time', async () => {
    const { shorten } = useCaseHarness();
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) codes.add((await shorten()).code.value);
    expect(codes.size).toBe(20);
  });

  it('records the owner and the expiry', async () => {
    const { shorten } = useCaseHarness();
    const expiresAt = new Date(START + 86_400_000);
    const link = await shorten({ ownerId: 'user-1', expiresAt });
    expect(link.ownerId).toBe('user-1');
    expect(link.expiresAt).toEqual(expiresAt);
  });

  it('uses an alias verbatim, case included', async () => {
    const { shorten } = useCaseHarness();
    expect((await shorten({ alias: 'Launch-2026' })).code.value).toBe('Launch-2026');
    expect((await shorten({ alias: 'launch-2026' })).code.value).toBe('launch-2026');
  });

  it('refuses a taken alias with 409, even when the link holding it was deleted', async () => {
    const { shorten, deleteLink } = useCaseHarness();
    await shorten({ alias: 'taken' });
    await expect(shorten({ alias: 'taken' })).rejects.toMatchObject({ code: 'alias_taken', status: 409 });
    await shorten({ alias: 'gone-now', ownerId: 'u1' });
    await deleteLink.execute({ code: 'gone-now', principalId: 'u1' });
    expect(await rejectionCode(shorten({ alias: 'gone-now' }))).toBe('alias_taken');
  });

  it('grants a contested alias to exactly one of many concurrent requests', async () => {
    const { shorten } = useCaseHarness();
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => shorten({ alias: 'contested', url: `https://example.com/${i}` })));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect((outcome.reason as AppError).code).toBe('alias_taken');
    }
  });

  it('draws another code when the random one is taken, growing it when the space is crowded', async () => {
    // Every draw yields the same code, so the second link must fall back to a longer one.
    const { shorten } = useCaseHarness({ randomBytes: constantBytes(7) });
    expect((await shorten()).code.value).toBe('7777777');
    expect((await shorten()).code.value).toBe('77777777');
  });

  it('answers 503 when no free code turns up', async () => {
    const { shorten, links } = useCaseHarness({ randomBytes: constantBytes(7) });
    await shorten();
    await shorten();
    await expect(shorten()).rejects.toMatchObject({ code: 'code_generation_failed', status: 503 });
    expect(links.inner.size).toBe(2);
  });

  it.each([
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'unsupported_scheme'],
    ['a data: URL', { url: 'data:text/html,hi' }, 'unsupported_scheme'],
    ['a file: URL', { url: 'file:///etc/passwd' }, 'unsupported_scheme'],
    ['a URL at the public host', { url: 'https://sho.rt/abc1234' }, 'self_referencing_url'],
    ['a URL at the host the request came to', { url: 'http://localhost:3000/x', requestHost: 'localhost:3000' }, 'self_referencing_url'],
    ['a 3 KB URL', { url: `https://example.com/${'x'.repeat(3072)}` }, 'url_too_long'],
    ['a URL that is not a string', { url: 42 }, 'invalid_url'],
    ['an alias with bad characters', { alias: 'no/slash' }, 'invalid_alias'],
    ['a reserved alias', { alias: 'metrics' }, 'reserved_alias'],
    ['an expiry in the past', { expiresAt: new Date(START - 1) }, 'expiry_in_past'],
    ['an expiry of right now', { expiresAt: new Date(START) }, 'expiry_in_past'],
  ])('refuses %s with 400 %s and stores nothing', async (_name, input, code) => {
    const { shorten, links } = useCaseHarness();
    const error = await shorten(input).then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code, status: 400 });
    expect(links.inserts).toBe(0);
  });

  it('judges each request by the host it came to, when hosts alternate', async () => {
    const { shorten } = useCaseHarness();
    await expect(shorten({ url: 'http://a.example/x', requestHost: 'b.example' })).resolves.toBeDefined();
    await expect(shorten({ url: 'http://a.example/x', requestHost: 'A.example.' })).rejects.toMatchObject({ code: 'self_referencing_url', status: 400 });
    await expect(shorten({ url: 'http://a.example/y', requestHost: 'b.example' })).resolves.toBeDefined();
  });

  it('makes a code that was looked up before it existed resolvable at once', async () => {
    const { shorten, resolveLink } = useCaseHarness();
    expect(await resolveLink.execute('early-bird')).toBeNull();
    await shorten({ alias: 'early-bird' });
    expect((await resolveLink.execute('early-bird'))?.code.value).toBe('early-bird');
  });

  it('still creates the link when the cache cannot store it, and reports why', async () => {
    const broken: LinkCache = {
      peek: () => undefined,
      get: async () => undefined,
      fill: async (_code: string, _found: CachedLink) => undefined,
      put: async (_link: Link) => Promise.reject(new Error('cache down')),
      putMissing: async () => undefined,
    };
    const { shorten, links, errors } = useCaseHarness({ cache: broken });
    const link = await shorten();
    expect(await links.findByCode(link.code.value)).toBe(link);
    expect(errors).toEqual([{ error: new Error('cache down'), context: `caching new link ${link.code.value}` }]);
  });
});
