import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The policy every Mosaic page runs under: scripts, styles, images and connections
 * from the page's own origin only, nothing inline, no plugins, no framing. Pages
 * load bundled assets (`@mosaic/kit-ui`), so none of them needs more.
 */
export const STRICT_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const HSTS = 'max-age=31536000; includeSubDomains';

/** The security headers of every response, worked out once: each request only copies them. */
export interface SecurityHeaderSet {
  /** Sent on every response, CSP included. */
  readonly always: readonly (readonly [string, string])[];
  /** Sent on requests that arrived over TLS only. */
  readonly overTls: readonly [string, string];
}

/**
 * helmet's headers (nosniff, Referrer-Policy, X-Frame-Options: DENY, cross-origin
 * isolation headers) plus the given policy. helmet's answer depends on its options
 * only, never on the request, so it runs once here against a recording response
 * instead of on every request; express routes and fast routes then send the same set.
 */
export function securityHeaderSet(contentSecurityPolicy: string = STRICT_CONTENT_SECURITY_POLICY): SecurityHeaderSet {
  const always: [string, string][] = [['Content-Security-Policy', contentSecurityPolicy]];
  const recorder = {
    setHeader: (name: string, value: unknown) => always.push([name, String(value)]),
    // helmet removes X-Powered-By, which no Mosaic server sends in the first place.
    removeHeader: () => undefined,
  };
  let done = false;
  helmet({ contentSecurityPolicy: false, strictTransportSecurity: false, xFrameOptions: { action: 'deny' } })(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    () => {
      done = true;
    },
  );
  if (!done) throw new Error('helmet did not set its headers synchronously; security headers cannot be precomputed');
  return { always, overTls: ['Strict-Transport-Security', HSTS] };
}

/** Copies the set onto a response. */
export function applySecurityHeaders(res: ServerResponse, headers: SecurityHeaderSet, secure: boolean): void {
  for (const [name, value] of headers.always) res.setHeader(name, value);
  if (secure) res.setHeader(headers.overTls[0], headers.overTls[1]);
}

/**
 * The set above on every response, which also covers JSON answers opened in a browser.
 * HSTS is sent only on requests that arrived over TLS (`req.secure`, honouring
 * `trust proxy`): over plain HTTP it would mean nothing.
 */
export function securityHeaders(headers: SecurityHeaderSet = securityHeaderSet()): RequestHandler {
  return (req, res, next) => {
    applySecurityHeaders(res, headers, req.secure);
    next();
  };
}
