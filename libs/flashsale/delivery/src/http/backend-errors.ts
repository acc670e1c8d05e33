import { AppError, isAppError } from '@mosaic/kit-core';
import type { ErrorRequestHandler } from 'express';

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
]);

/** Whether a driver error means the backend is away (or overloaded), not that the request was wrong. */
function isBackendUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || isAppError(error)) return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  if (name === 'MaxRetriesPerRequestError') return true;
  return typeof message === 'string' && /Connection is closed|connect ETIMEDOUT|Pool is closed/.test(message);
}

/** A backend outage as 503 backend_unavailable with Retry-After; any other error as it is. */
export function asBackendOutage(error: unknown): unknown {
  if (!isBackendUnavailable(error)) return error;
  return new AppError('unavailable', 'backend_unavailable', 'A backend of the flash sale is unavailable; try again shortly', {
    cause: error,
    retryAfterSeconds: 1,
  });
}

/** Turns a backend outage into 503 backend_unavailable with Retry-After, never a 500. */
export const backendOutages: ErrorRequestHandler = (error, _req, _res, next) => next(asBackendOutage(error));
