import { isAppError } from '@mosaic/kit-core';
import { describe, expect, it } from 'vitest';
import { assertPasswordPolicy, PASSWORD_MAX_LENGTH, passwordProblem } from './password-policy';

describe('password policy', () => {
  it('accepts 8 to 256 characters, counting code points', () => {
    expect(passwordProblem('12345678')).toBeUndefined();
    expect(passwordProblem('correct horse battery staple')).toBeUndefined();
    expect(passwordProblem('🔑🔑🔑🔑🔑🔑🔑🔑')).toBeUndefined();
    expect(passwordProblem('x'.repeat(PASSWORD_MAX_LENGTH))).toBeUndefined();
  });

  it('refuses short, oversized and blank passwords', () => {
    expect(passwordProblem('1234567')).toBe('must be at least 8 characters');
    expect(passwordProblem('🔑🔑🔑🔑')).toBe('must be at least 8 characters');
    expect(passwordProblem('x'.repeat(PASSWORD_MAX_LENGTH + 1))).toBe('must be at most 256 characters');
    expect(passwordProblem('x'.repeat(1_000_000))).toBe('must be at most 256 characters');
    expect(passwordProblem('          ')).toBe('must not be only whitespace');
  });

  it('throws a 400 weak_password from assertPasswordPolicy', () => {
    expect(() => assertPasswordPolicy('short')).toThrow(expect.objectContaining({ code: 'weak_password', status: 400 }));
    try {
      assertPasswordPolicy('short');
    } catch (error) {
      expect(isAppError(error) && error.details).toEqual([{ path: 'password', message: 'must be at least 8 characters' }]);
    }
  });
});
