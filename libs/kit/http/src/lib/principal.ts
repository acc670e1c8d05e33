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
const strictRejections = new WeakSet<Request>();

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

/**
 * The principal, or undefined for an anonymous request. Throws the rejection when the
 * client deliberately sent a credential that was refused (see `setPrincipalRejection`),
 * so a route where signing in is optional does not quietly treat it as anonymous.
 */
export function principalOf(req: Request): Principal | undefined {
  const principal = principals.get(req);
  if (!principal && strictRejections.has(req)) throw rejections.get(req);
  return principal;
}

/**
 * A credential came with the request but was refused (expired, revoked, forged).
 * Routes that never read the principal ignore it, so a stale cookie never blocks a
 * page or a link; routes that need one answer with this error instead of a generic
 * 401; with `strict`, so do routes that read it optionally (`principalOf`).
 */
export function setPrincipalRejection(req: Request, error: Error, options: { strict?: boolean } = {}): void {
  rejections.set(req, error);
  // An explicit credential (an Authorization header) matters wherever the principal is read, even optionally.
  if (options.strict) strictRejections.add(req);
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
