import { AppError } from '@mosaic/kit-core';
import { describe, expect, it } from 'vitest';
import { Link, type NewLink } from './link';
import { ShortCode } from './short-code';
import { TargetUrl } from './target-url';

const now = new Date('2026-01-01T00:00:00.000Z');

function newLink(overrides: Partial<NewLink> = {}): Link {
  return Link.create({ code: ShortCode.alias('launch'), target: TargetUrl.parse('https://example.com/launch'), now, ...overrides });
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an error');
}

describe('Link.create', () => {
  it('is created now, anonymous and without expiry by default', () => {
    const link = newLink();
    expect(link.toSnapshot()).toEqual({ code: 'launch', url: 'https://example.com/launch', ownerId: null, createdAt: now, expiresAt: null });
  });

  it('refuses an expiry that is not in the future', () => {
    expect(errorOf(() => newLink({ expiresAt: now })).code).toBe('expiry_in_past');
    expect(errorOf(() => newLink({ expiresAt: new Date(now.getTime() - 1) })).status).toBe(400);
    expect(errorOf(() => newLink({ expiresAt: new Date(Number.NaN) })).code).toBe('expiry_in_past');
  });
});

describe('Link expiry', () => {
  it('is live until the instant it expires', () => {
    const expiresAt = new Date(now.getTime() + 60_000);
    const link = newLink({ expiresAt });
    expect(link.isExpiredAt(expiresAt.getTime() - 1)).toBe(false);
    expect(link.isExpiredAt(expiresAt.getTime())).toBe(true);
  });

  it('never expires without an expiry', () => {
    expect(newLink().isExpiredAt(Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});

describe('Link.isPermanent', () => {
  it('holds only for anonymous links without expiry, which nothing can ever change', () => {
    expect(newLink().isPermanent).toBe(true);
    expect(newLink({ ownerId: 'u1' }).isPermanent).toBe(false);
    expect(newLink({ expiresAt: new Date(now.getTime() + 1) }).isPermanent).toBe(false);
  });
});

describe('Link.assertDeletableBy', () => {
  it('lets the owner delete', () => {
    expect(() => newLink({ ownerId: 'u1' }).assertDeletableBy('u1')).not.toThrow();
  });

  it('refuses anyone else, and everyone for an anonymous link', () => {
    expect(errorOf(() => newLink({ ownerId: 'u1' }).assertDeletableBy('u2'))).toMatchObject({ code: 'not_link_owner', status: 403 });
    expect(errorOf(() => newLink().assertDeletableBy('u1'))).toMatchObject({ code: 'link_not_deletable', status: 403 });
  });
});

describe('Link.restore', () => {
  it('round-trips a snapshot', () => {
    const link = newLink({ ownerId: 'u1', expiresAt: new Date('2027-01-01T00:00:00.000Z') });
    expect(Link.restore(link.toSnapshot()).toSnapshot()).toEqual(link.toSnapshot());
  });
});
