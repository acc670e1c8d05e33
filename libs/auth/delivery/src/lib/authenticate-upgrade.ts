import type { IncomingMessage } from 'node:http';
import { unauthenticated, type TokenVerifier } from '@mosaic/auth-domain';
import { forbidden } from '@mosaic/kit-core';
import type { Principal } from '@mosaic/kit-http';
import { principalFromClaims } from './authenticate';
import { presentedToken } from './token-sources';

export interface UpgradeAuthOptions {
  /**
   * Origins (e.g. "https://app.example.com") whose pages may open a socket with the
   * cookie. Browsers attach cookies to cross-site WebSocket handshakes in more cases
   * than to fetches, so a cookie from an unlisted Origin is refused (403). Tokens sent
   * explicitly (header, `?token=`) need no such check. Unset: any origin.
   */
  allowedOrigins?: readonly string[];
}

/**
 * For WebSocket servers: the principal of an upgrade request, from
 * `Authorization: Bearer`, the access token cookie, or `?token=`. Rejects with a 401
 * AppError when there is no valid token; the server answers and destroys the socket.
 */
export function authenticateUpgrade(verifier: TokenVerifier, options: UpgradeAuthOptions = {}): (req: IncomingMessage) => Promise<Principal> {
  const session = authenticateUpgradeSession(verifier, options);
  return async (req) => {
    const { expiresAt: _expiresAt, ...principal } = await session(req);
    return principal;
  };
}

/** Like `authenticateUpgrade`, with the token's expiry: a long-lived socket can end when its token does. */
export function authenticateUpgradeSession(
  verifier: TokenVerifier,
  options: UpgradeAuthOptions = {},
): (req: IncomingMessage) => Promise<Principal & { readonly expiresAt: Date }> {
  const allowed = options.allowedOrigins && new Set(options.allowedOrigins.map((origin) => origin.toLowerCase()));
  return async (req) => {
    const presented = presentedToken(req.headers, { url: req.url, allowQuery: true });
    if (!presented) throw unauthenticated();
    if (presented.source === 'cookie' && allowed) {
      const origin = req.headers.origin?.toLowerCase();
      if (!origin || !allowed.has(origin)) throw forbidden('origin_not_allowed', 'This origin may not open authenticated sockets');
    }
    const claims = await verifier.verify(presented.token);
    return { ...principalFromClaims(claims), expiresAt: claims.expiresAt };
  };
}
