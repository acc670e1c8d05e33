import { AppError, isAppError } from '@mosaic/kit-core';
import { answerWith, retryAfterHeaders, type JsonAnswer } from '@mosaic/kit-http';
import type { ErrorRequestHandler, Request } from 'express';

/**
 * Errors under /api carry a top-level `message` (what the gitbitex client shows)
 * beside the common `error` object. Anything not an AppError goes on to the
 * server's handler (a 500 with a request id).
 */
export function apiErrors(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const answer = apiErrorAnswer(error);
    if (answer === undefined) return next(error);
    answerWith(res, answer);
  };
}

/** The `/api` answer to a client error (see `apiErrors`); undefined for the server's own error answer. */
export function apiErrorAnswer(error: unknown): JsonAnswer | undefined {
  // A 5xx keeps the common shape (with a request id); its Retry-After is set there alike.
  if (!isAppError(error) || error.status >= 500) return undefined;
  return { status: error.status, headers: retryAfterHeaders(error), body: { message: error.message, error: error.toJSON() } };
}

/** A login failure as a 4xx other than 401: the client treats every 401 as "go to sign-in". */
export function asSignInFailure(error: unknown): unknown {
  if (isAppError(error) && error.status === 401) return new AppError('invalid', error.code, error.message);
  return error;
}

export function clientIp(req: Request): string | undefined {
  return req.ip;
}
