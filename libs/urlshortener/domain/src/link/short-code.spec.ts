import { appErrorOf } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';
import { RESERVED_WORDS } from './reserved-words';
import { cryptoRandomBytes, GENERATED_CODE_LENGTH, ShortCode, type RandomBytes } from './short-code';

function errorCodeOf(fn: () => unknown): string {
  const error = appErrorOf(fn);
  expect(error.status).toBe(400);
  return error.code;
}

/** Hands out the given bytes in order, then repeats them. */
function scriptedBytes(...bytes: number[]): RandomBytes {
  let next = 0;
  return (size) => Uint8Array.from({ length: size }, () => bytes[next++ % bytes.length]!);
}

describe('ShortCode.random', () => {
  it('is seven base62 characters by default', () => {
    for (let i = 0; i < 200; i++) expect(ShortCode.random().value).toMatch(/^[0-9A-Za-z]{7}$/);
  });

  it('is unguessable: no two of many codes repeat', () => {
    const codes = new Set(Array.from({ length: 10_000 }, () => ShortCode.random().value));
    expect(codes.size).toBe(10_000);
  });

  it('uses every base62 character about equally (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4_000; i++) for (const char of ShortCode.random(31).value) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (4_000 * 31) / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.15);
  });

  it('maps bytes to characters and discards the biased top of the byte range', () => {
    // 248..255 would favour the first eight characters, so they are skipped.
    expect(ShortCode.random(3, scriptedBytes(250, 0, 255, 61, 62)).value).toBe('0z0');
  });

  it('never produces a reserved word', () => {
    // "api" then "abc" (a is 36, i 44, p 51): the first draw is reserved and thrown away.
    expect(ShortCode.random(3, scriptedBytes(36, 51, 44, 36, 37, 38)).value).toBe('abc');
  });

  it('refuses lengths outside what a code may be', () => {
    expect(() => ShortCode.random(2)).toThrow(RangeError);
    expect(() => ShortCode.random(33)).toThrow(RangeError);
    expect(GENERATED_CODE_LENGTH).toBeLessThanOrEqual(8);
  });
});

describe('cryptoRandomBytes', () => {
  it('hands out as many bytes as asked, never the same run twice, across refills of its pool and beyond its size', () => {
    const runs = new Set<string>();
    for (let i = 0; i < 3_000; i++) {
      const bytes = cryptoRandomBytes(8);
      expect(bytes).toHaveLength(8);
      runs.add(Buffer.from(bytes).toString('hex'));
    }
    expect(runs.size).toBe(3_000);
    expect(cryptoRandomBytes(10_000)).toHaveLength(10_000);
  });
});

describe('ShortCode.alias', () => {
  it.each(['abc', 'my-link', 'Launch_2026', 'a'.repeat(32), 'API-docs'])('accepts %j', (alias) => {
    expect(ShortCode.alias(alias).value).toBe(alias);
  });

  it.each([
    ['ab', 'invalid_alias'],
    ['a'.repeat(33), 'invalid_alias'],
    ['has space', 'invalid_alias'],
    ['slash/es', 'invalid_alias'],
    ['dot.ted', 'invalid_alias'],
    ['émoji✓', 'invalid_alias'],
    ['../etc', 'invalid_alias'],
    ['', 'invalid_alias'],
    [42, 'invalid_alias'],
    ['health', 'reserved_alias'],
    ['API', 'reserved_alias'],
    ['Metrics', 'reserved_alias'],
    ['exchange', 'reserved_alias'],
    ['flashsale', 'reserved_alias'],
  ])('refuses %j with %s', (alias, code) => {
    expect(errorCodeOf(() => ShortCode.alias(alias))).toBe(code);
  });

  it('reserves every top-level path a server or the platform uses', () => {
    for (const word of ['health', 'ready', 'metrics', 'api', 's', 'exchange', 'chat', 'flashsale', 'ws']) {
      expect(RESERVED_WORDS.has(word)).toBe(true);
    }
  });
});

describe('ShortCode.couldExist', () => {
  it('accepts generated codes and aliases, refuses junk and reserved words', () => {
    expect(ShortCode.couldExist('aZ3kQ9x')).toBe(true);
    expect(ShortCode.couldExist('my-link')).toBe(true);
    expect(ShortCode.couldExist('ab')).toBe(false);
    expect(ShortCode.couldExist('favicon.ico')).toBe(false);
    expect(ShortCode.couldExist('%3Cscript%3E')).toBe(false);
    expect(ShortCode.couldExist('Health')).toBe(false);
  });
});

describe('ShortCode.restore', () => {
  it('keeps a stored code and rejects corrupt data as a programming error', () => {
    expect(ShortCode.restore('aZ3kQ9x').value).toBe('aZ3kQ9x');
    expect(() => ShortCode.restore('no way')).toThrow(TypeError);
  });
});
