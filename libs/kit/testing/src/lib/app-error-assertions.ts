import { AppError } from '@mosaic/kit-core';

/** The AppError a call throws, for tests that assert on its code, kind or details. */
export function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`expected an AppError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an AppError, but nothing was thrown');
}

/** The AppError a promise rejects with. */
export async function appErrorOfAsync(promise: Promise<unknown> | (() => Promise<unknown>)): Promise<AppError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`expected an AppError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected an AppError, but the promise resolved');
}
