import { unauthorized } from '@mosaic/kit-core';
import type { Request } from 'express';

/**
 * Who is calling, as authentication middleware established it. Deliveries read it
 * here and never learn how the token was checked (that is the auth domain's job).
 */
export interface Principal {
  id: string;
  email?: string;
  roles: readonly string[];
}

const principals = new WeakMap<Request, Principal>();
const rejections = new WeakMap<Request, Error>();

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

export function principalOf(req: Request): Principal | undefined {
  return principals.get(req);
}

/**
 * A credential came with the request but was refused (expired, revoked, forged).
 * Public routes ignore it, so a stale cookie never blocks a page or a link; routes
 * that need a principal answer with this error instead of a generic 401.
 */
export function setPrincipalRejection(req: Request, error: Error): void {
  rejections.set(req, error);
}

export function principalRejectionOf(req: Request): Error | undefined {
  return rejections.get(req);
}

/** For routes behind authentication middleware: the principal, or a 401 (why the credential was refused, when one was). */
export function requirePrincipal(req: Request): Principal {
  const principal = principals.get(req);
  if (!principal) throw rejections.get(req) ?? unauthorized('unauthenticated', 'Authentication required');
  return principal;
}
