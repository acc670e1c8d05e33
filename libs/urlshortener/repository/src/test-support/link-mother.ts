import { Link, ShortCode, type LinkSnapshot } from '@mosaic/urlshortener-domain';

/** Millisecond precision on purpose: every backend must keep it. */
export const CREATED_AT = new Date('2026-01-01T09:30:00.123Z');

/**
 * A valid link with a fresh random code, so tests sharing one real database never
 * collide; override any field to say what a test is about.
 */
export function aLink(overrides: Partial<LinkSnapshot> = {}): Link {
  return Link.restore({
    code: ShortCode.random().value,
    url: 'https://example.com/articles/42?ref=mosaic#top',
    ownerId: null,
    createdAt: CREATED_AT,
    expiresAt: null,
    ...overrides,
  });
}

/** A code no test has used, for look-ups that must miss. */
export function anUnusedCode(): string {
  return ShortCode.random(12).value;
}
