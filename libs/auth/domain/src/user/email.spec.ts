import { isAppError } from '@mosaic/kit-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMAIL_MAX_LENGTH, parseEmail, toEmail } from './email';

describe('parseEmail', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['  Ada.Lovelace@Example.COM ', 'ada.lovelace@example.com'],
    ["o'brien+news@mail.example.co.uk", "o'brien+news@mail.example.co.uk"],
    ['x_y-z%1@sub-domain.example.org', 'x_y-z%1@sub-domain.example.org'],
    ['user@xn--bcher-kva.example', 'user@xn--bcher-kva.example'],
  ])('accepts %j as %j', (raw, normalised) => {
    expect(parseEmail(raw)).toEqual({ ok: true, value: normalised });
  });

  it.each([
    '',
    '   ',
    'ada',
    'ada@',
    '@example.com',
    'ada@example',
    'ada@@example.com',
    'a@b@example.com',
    'ada@example.c',
    'ada@-example.com',
    'ada@example-.com',
    'ada@exa_mple.com',
    'ada@[127.0.0.1]',
    '.ada@example.com',
    'ada.@example.com',
    'a..da@example.com',
    '"ada"@example.com',
    'ada lovelace@example.com',
    'adá@example.com',
    "' OR '1'='1",
    "admin@example.com' OR '1'='1",
    'a@b.com; DROP TABLE auth_users;--',
    "robert'); DROP TABLE auth_users;--@example.com",
    'ada@example.com\u0000',
    'ada@example.com\r\nBcc: victim@example.com',
  ])('refuses %j', (raw) => {
    const parsed = parseEmail(raw);
    expect(parsed.ok).toBe(false);
  });

  it('refuses addresses longer than the limit, and says so', () => {
    const long = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`;
    expect(long.length).toBeGreaterThan(EMAIL_MAX_LENGTH);
    expect(parseEmail(long)).toEqual({ ok: false, error: `must be at most ${EMAIL_MAX_LENGTH} characters` });
    expect(parseEmail(`${'a'.repeat(100_000)}@example.com`).ok).toBe(false);
  });

  it('refuses a local part over 64 characters', () => {
    expect(parseEmail(`${'a'.repeat(65)}@example.com`).ok).toBe(false);
    expect(parseEmail(`${'a'.repeat(64)}@example.com`).ok).toBe(true);
  });

  it('never throws, and what it accepts is already normal (parsing again changes nothing)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (raw) => {
        const parsed = parseEmail(raw);
        if (parsed.ok) {
          expect(parseEmail(parsed.value)).toEqual(parsed);
          expect(parsed.value).toBe(parsed.value.toLowerCase());
          expect(parsed.value.length).toBeLessThanOrEqual(EMAIL_MAX_LENGTH);
          expect(parsed.value).toMatch(/^[\x21-\x7e]+$/);
        }
      }),
    );
  });
});

describe('toEmail', () => {
  it('throws a 400 invalid_email naming the field', () => {
    try {
      toEmail('not-an-email');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && { status: error.status, code: error.code, details: error.details }).toEqual({
        status: 400,
        code: 'invalid_email',
        details: [{ path: 'email', message: 'must be a single address like name@example.com' }],
      });
    }
  });
});
