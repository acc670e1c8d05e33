import { AppError } from '@mosaic/kit-core';
import { expect } from 'vitest';

/** Awaits a promise that must reject with an AppError, and returns the error. */
export async function rejectionOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection, the promise resolved');
}
