import { AppError } from '@mosaic/kit-core';
import { expect } from 'vitest';

/** Runs `fn`, expects an AppError, and returns it for assertions on code and status. */
export function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError, nothing was thrown');
}
