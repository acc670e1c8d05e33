import type { LinkRepository } from '@mosaic/urlshortener-domain';
import { describe, expect, it } from 'vitest';
import { aLink, anUnusedCode } from '../test-support/link-mother';

export interface LinkRepositoryHarness {
  readonly repository: LinkRepository;
  dispose?(): Promise<void>;
}

/**
 * What every LinkRepository backend must do; run once per backend, unchanged.
 * Tests use fresh random codes and never assume empty storage, so a real backend
 * may share one database across the suite.
 */
export function linkRepositoryContract(name: string, makeHarness: () => Promise<LinkRepositoryHarness>): void {
  describe(`LinkRepository contract: ${name}`, () => {
    async function withRepository(test: (repository: LinkRepository) => Promise<void>): Promise<void> {
      const harness = await makeHarness();
      try {
        await test(harness.repository);
      } finally {
        await harness.dispose?.();
      }
    }

    it('finds a stored link with every field intact', () =>
      withRepository(async (repository) => {
        const link = aLink({ ownerId: 'user-42', expiresAt: new Date('2027-06-30T23:59:59.999Z') });
        expect(await repository.insert(link)).toBe('inserted');
        expect((await repository.findByCode(link.code.value))?.toSnapshot()).toEqual(link.toSnapshot());
      }));

    it('keeps anonymous links without expiry as such', () =>
      withRepository(async (repository) => {
        const link = aLink();
        await repository.insert(link);
        expect((await repository.findByCode(link.code.value))?.toSnapshot()).toEqual(link.toSnapshot());
      }));

    it('keeps the longest URL a link may have, byte for byte', () =>
      withRepository(async (repository) => {
        const url = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length - 6)}%C3%A9`;
        const link = aLink({ url });
        await repository.insert(link);
        expect((await repository.findByCode(link.code.value))?.url).toBe(url);
      }));

    it('finds nothing for a code never stored', () =>
      withRepository(async (repository) => {
        expect(await repository.findByCode(anUnusedCode())).toBeUndefined();
      }));

    it('tells codes apart by case', () =>
      withRepository(async (repository) => {
        const lower = aLink({ code: `case${anUnusedCode().toLowerCase()}`, url: 'https://example.com/lower' });
        const upper = aLink({ code: lower.code.value.toUpperCase(), url: 'https://example.com/upper' });
        expect(await repository.insert(lower)).toBe('inserted');
        expect(await repository.findByCode(upper.code.value)).toBeUndefined();
        expect(await repository.insert(upper)).toBe('inserted');
        expect((await repository.findByCode(lower.code.value))?.url).toBe('https://example.com/lower');
        expect((await repository.findByCode(upper.code.value))?.url).toBe('https://example.com/upper');
      }));

    it('refuses a second link under a taken code and keeps the first', () =>
      withRepository(async (repository) => {
        const first = aLink({ url: 'https://example.com/first' });
        await repository.insert(first);
        expect(await repository.insert(aLink({ code: first.code.value, url: 'https://example.com/second' }))).toBe('code_taken');
        expect((await repository.findByCode(first.code.value))?.url).toBe('https://example.com/first');
      }));

    it('stores exactly one of many concurrent inserts under one code', () =>
      withRepository(async (repository) => {
        const code = anUnusedCode();
        const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => repository.insert(aLink({ code, url: `https://example.com/${i}` }))));
        expect(outcomes.filter((outcome) => outcome === 'inserted')).toHaveLength(1);
        const winner = outcomes.indexOf('inserted');
        expect((await repository.findByCode(code))?.url).toBe(`https://example.com/${winner}`);
      }));

    it('returns expired links: expiry is for the use cases to judge', () =>
      withRepository(async (repository) => {
        const link = aLink({ expiresAt: new Date('2000-01-01T00:00:00.000Z') });
        await repository.insert(link);
        expect((await repository.findByCode(link.code.value))?.expiresAt).toEqual(link.expiresAt);
      }));

    it('hides a deleted link and keeps its code taken', () =>
      withRepository(async (repository) => {
        const link = aLink({ ownerId: 'user-42' });
        await repository.insert(link);
        expect(await repository.delete(link.code.value, new Date())).toBe(true);
        expect(await repository.findByCode(link.code.value)).toBeUndefined();
        expect(await repository.insert(aLink({ code: link.code.value }))).toBe('code_taken');
      }));

    it('deletes a link once: a second delete, or one of a missing code, reports false', () =>
      withRepository(async (repository) => {
        const link = aLink({ ownerId: 'user-42' });
        await repository.insert(link);
        const outcomes = await Promise.all(Array.from({ length: 5 }, () => repository.delete(link.code.value, new Date())));
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        expect(await repository.delete(link.code.value, new Date())).toBe(false);
        expect(await repository.delete(anUnusedCode(), new Date())).toBe(false);
      }));
  });
}
