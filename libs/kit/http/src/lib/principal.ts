import { unauthorized } from '@mosaic/kit-core';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Who is calling, as authentication middleware established it. Deliveries read it
 * here and never learn how the token was checked (that is the auth domain's job).
 */
export interface Principal {
  id: string;
  email?: string;
  roles: readonly string[];
}

/**
 * Checks the credential a request carries (signature, expiry, ended sessions) and
 * records the outcome with `setPrincipal` or `setPrincipalRejection`. It must not
 * reject: a refused credential is an outcome, not a failure.
 */
export type PrincipalResolver = (req: Request, res: Response) => Promise<void>;

const principals = new WeakMap<Request, Principal>();
const rejections = new WeakMap<Request, Error>();
const strictRejections = new WeakSet<Request>();
const unresolved = new WeakMap<Request, PrincipalResolver>();

/**
 * For authentication middleware mounted in front of every route: note how this
 * request's principal would be established, without doing it. Only routes that read
 * the principal pay for the check (see `resolvePrincipal`), so a redirect, a page or
 * a health probe never verifies a token nor asks the session store. A request whose
 * principal is already known (or already deferred) keeps it.
 */
export function deferPrincipal(req: Request, resolver: PrincipalResolver): void {
  if (unresolved.has(req) || principals.has(req) || rejections.has(req)) return;
  unresolved.set(req, resolver);
}

/**
 * Runs the deferred check, if any, before a route that reads the principal. Routes
 * declared with `principal` (kit-http's `defineRoute`) run it by themselves; mount it
 * in front of any other handler or middleware that reads the principal.
 */
export const resolvePrincipal: RequestHandler = (req, res, next) => {
  const resolver = unresolved.get(req);
  if (!resolver) return next();
  resolver(req, res).then(() => {
    unresolved.delete(req);
    next();
  }, next);
};

export function setPrincipal(req: Request, principal: Principal): void {
  principals.set(req, principal);
}

/**
 * The principal, or undefined for an anonymous request. Throws the rejection when the
 * client deliberately sent a credential that was refused (see `setPrincipalRejection`),
 * so a route where signing in is optional does not quietly treat it as anonymous.
 */
export function principalOf(req: Request): Principal | undefined {
  assertResolved(req);
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
  assertResolved(req);
  return rejections.get(req);
}

/** For routes behind authentication middleware: the principal, or a 401 (why the credential was refused, when one was). */
export function requirePrincipal(req: Request): Principal {
  assertResolved(req);
  const principal = principals.get(req);
  if (!principal) throw rejections.get(req) ?? unauthorized('unauthenticated', 'Authentication required');
  return principal;
}

/**
 * Reading before the check ran would see every caller as anonymous: a route that
 * forgot to declare its principal must fail loudly (a 500 and a failing test), never
 * quietly answer 401 or serve a signed-in user as a stranger.
 */
function assertResolved(req: Request): void {
  if (unresolved.has(req)) {
    throw new Error(
      `${req.method} ${req.originalUrl} read the principal before it was resolved: declare \`principal\` on the route or mount kit-http's resolvePrincipal in front of it`,
    );
  }
}
