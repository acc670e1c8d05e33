import { AppError, isAppError } from '@mosaic/kit-core';
import type { ErrorRequestHandler, Request } from 'express';

/**
 * Errors under /api carry a top-level `message` (what the gitbitex client shows)
 * beside the common `error` object. Anything not an AppError goes on to the
 * server's handler (a 500 with a request id).
 */
export function apiErrors(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent || !isAppError(error)) return next(error);
    if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    if (error.status >= 500) return next(error);
    res.status(error.status).json({ message: error.message, error: error.toJSON() });
  };
}

/** A login failure as a 4xx other than 401: the client treats every 401 as "go to sign-in". */
export function asSignInFailure(error: unknown): unknown {
  if (isAppError(error) && error.status === 401) return new AppError('invalid', error.code, error.message);
  return error;
}

export function clientIp(req: Request): string | undefined {
  return req.ip;
}
