import { conflict } from '@mosaic/kit-core';
import { describe, expect, it } from 'vitest';
import { appErrorOf, appErrorOfAsync } from './app-error-assertions';

describe('appErrorOf', () => {
  it('returns the AppError a call throws', () => {
    expect(
      appErrorOf(() => {
        throw conflict('taken', 'Taken');
      }).code,
    ).toBe('taken');
  });

  it('fails when nothing or something else is thrown', () => {
    expect(() => appErrorOf(() => 1)).toThrow('nothing was thrown');
    expect(() =>
      appErrorOf(() => {
        throw new TypeError('x');
      }),
    ).toThrow('expected an AppError');
  });

  it('returns the AppError a promise rejects with', async () => {
    expect((await appErrorOfAsync(Promise.reject(conflict('dup', 'Duplicate')))).code).toBe('dup');
    await expect(appErrorOfAsync(async () => 1)).rejects.toThrow('resolved');
  });
});
