import { rateLimited } from '@mosaic/kit-core';
import type { Request, RequestHandler } from 'express';
import type { RateLimiter } from './rate-limiter';

export interface RateLimitMiddlewareOptions {
  limiter: RateLimiter;
  /** Whose allowance a request spends: a user id, an API key, an IP address. */
  key: (req: Request) => string | Promise<string>;
  /** Points a request costs; default 1. */
  cost?: number | ((req: Request) => number);
  /** Requests this returns true for pass without spending anything. */
  skip?: (req: Request) => boolean;
  /** The message of the 429 error; default "Too many requests". */
  message?: string;
}

/**
 * Spends the request's cost and reports the allowance in RateLimit-* headers. An
 * exhausted allowance sets Retry-After and forwards a `rate_limited` AppError to the
 * error handler, which renders the 429; a failing limiter store is forwarded as is.
 */
export function rateLimit(options: RateLimitMiddlewareOptions): RequestHandler {
  const message = options.message ?? 'Too many requests';
  return async (req, res, next) => {
    try {
      if (options.skip?.(req)) return next();
      const cost = typeof options.cost === 'function' ? options.cost(req) : (options.cost ?? 1);
      const decision = await options.limiter.consume(await options.key(req), cost);
      res.setHeader('RateLimit-Limit', String(decision.limit));
      res.setHeader('RateLimit-Remaining', String(decision.remaining));
      res.setHeader('RateLimit-Reset', String(Math.ceil(decision.resetMs / 1000)));
      if (decision.allowed) return next();
      res.setHeader('Retry-After', String(decision.retryAfterSeconds));
      next(rateLimited(message, decision.retryAfterSeconds));
    } catch (error) {
      next(error);
    }
  };
}
