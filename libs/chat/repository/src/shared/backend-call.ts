import { AppError, isAppError } from '@mosaic/kit-core';

/**
 * Runs one backend call; a driver failure (connection lost, timeout, server down)
 * becomes a 503 `backend_unavailable` with Retry-After, never a 500. Domain errors
 * pass through untouched.
 */
export async function backendCall<T>(backend: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('unavailable', 'backend_unavailable', `The chat ${backend} store is unavailable; try again shortly`, {
      cause: error,
      retryAfterSeconds: 1,
    });
  }
}
