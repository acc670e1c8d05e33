import type { Actor, Idempotent } from '@mosaic/account-usecase';
import { invalid } from '@mosaic/kit-core';
import { requirePrincipal } from '@mosaic/kit-http';
import type { Request, Response } from 'express';

/** The caller as the use cases know it; a 401 when authentication set no principal. */
export function actorOf(req: Request): Actor {
  const principal = requirePrincipal(req);
  return { userId: principal.id, roles: principal.roles };
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function idempotencyKeyOf(req: Request): string | undefined {
  return req.get(IDEMPOTENCY_HEADER) ?? undefined;
}

export function requiredIdempotencyKey(req: Request): string {
  const key = idempotencyKeyOf(req);
  if (key === undefined) {
    throw invalid('idempotency_key_required', 'This request needs an Idempotency-Key header, so a retry never moves money twice', {
      details: [{ path: 'headers.idempotency-key', message: 'required' }],
    });
  }
  return key;
}

/** A replay answers exactly as the first response did, and says it is one. */
export function sendReceipt<T>(res: Response, outcome: Idempotent<T>, body: (result: T) => unknown): void {
  if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
  res.status(201).json(body(outcome.result));
}
