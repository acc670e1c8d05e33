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

/**
 * helmet's headers on every response (nosniff, Referrer-Policy, X-Frame-Options: DENY,
 * cross-origin isolation headers) plus the strict policy above, which also covers
 * JSON answers opened in a browser. HSTS is sent only on requests that arrived over
 * TLS (`req.secure`, honouring `trust proxy`): over plain HTTP it would mean nothing.
 */
export function securityHeaders(contentSecurityPolicy: string = STRICT_CONTENT_SECURITY_POLICY): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
  });
  return (req, res, next) => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy);
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    headers(req, res, next);
  };
}
