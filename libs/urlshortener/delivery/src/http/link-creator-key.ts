import { principalOf } from '@mosaic/kit-http';
import type { Request } from 'express';

/**
 * Whose creation allowance a request spends: the signed-in user's own, wherever
 * they connect from, else the client IP's. Pass it as the rate limiter's key.
 */
export function linkCreatorKey(req: Request): string {
  const principal = principalOf(req);
  return principal ? `user:${principal.id}` : `ip:${req.ip ?? 'unknown'}`;
}
