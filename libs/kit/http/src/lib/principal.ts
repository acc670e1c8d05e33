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

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

export function principalOf(req: Request): Principal | undefined {
  return principals.get(req);
}

/** For routes behind authentication middleware: the principal, or a 401. */
export function requirePrincipal(req: Request): Principal {
  const principal = principals.get(req);
  if (!principal) throw unauthorized('unauthenticated', 'Authentication required');
  return principal;
}
