import { describe, expect, it } from 'vitest';
import { parseDisplayName, toDisplayName } from './display-name';

describe('display name', () => {
  it('trims and keeps letters of every script', () => {
    expect(parseDisplayName('  Ada Lovelace ')).toEqual({ ok: true, value: 'Ada Lovelace' });
    expect(parseDisplayName('李小龍')).toEqual({ ok: true, value: '李小龍' });
    expect(parseDisplayName('👩‍💻 Grace')).toEqual({ ok: true, value: '👩‍💻 Grace' });
  });

  it.each([
    ['', 'must not be empty'],
    ['   ', 'must not be empty'],
    ['x'.repeat(101), 'must be at most 100 characters'],
    ['Ada\nLovelace', 'must not contain control characters'],
    ['evil\u202Egnp.exe', 'must not contain control characters'],
  ])('refuses %j', (raw, problem) => {
    expect(parseDisplayName(raw)).toEqual({ ok: false, error: problem });
  });

  it('throws a 400 invalid_name from toDisplayName', () => {
    expect(() => toDisplayName('')).toThrow(expect.objectContaining({ code: 'invalid_name', status: 400 }));
  });
});
