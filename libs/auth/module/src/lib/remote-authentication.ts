import type { AppContext } from '@mosaic/kit-app';
import type { TokenVerifier } from '@mosaic/auth-domain';
import { authenticate } from '@mosaic/auth-delivery';
import { createRedisSessionRevocations, JwtTokenVerifier } from '@mosaic/auth-repository';
import { VerifyAccessToken } from '@mosaic/auth-usecase';
import type { RequestHandler } from 'express';
import { loadAuthConfig } from './auth-config';
import { REVOCATION_MARGIN_SECONDS } from './auth-module';

export interface RemoteAuthentication {
  readonly verifier: TokenVerifier;
  /** Global and optional, like the auth module's: only routes that read the principal verify the token. */
  readonly authenticate: RequestHandler;
}

/**
 * For a service that is not auth: verifies the auth service's access tokens with its
 * published keys (`jwksUrl`), never calling it. With the same Redis as auth (REDIS_URL)
 * it also refuses tokens of ended sessions within a second; without it a signed-out
 * token works here until it expires (AUTH_ACCESS_TTL_SECONDS).
 */
export function createRemoteAuthentication(context: AppContext, options: { jwksUrl: URL; issuer: string; audience: string }): RemoteAuthentication {
  const config = loadAuthConfig(context.env);
  const tokens = new JwtTokenVerifier({ keys: { jwksUrl: options.jwksUrl }, issuer: options.issuer, audience: options.audience });
  const redis = context.backends.redis;
  const verifier: TokenVerifier = redis
    ? new VerifyAccessToken({
        tokens,
        revocations: createRedisSessionRevocations(redis, { ttlSeconds: config.AUTH_ACCESS_TTL_SECONDS + REVOCATION_MARGIN_SECONDS }),
      })
    : tokens;
  return { verifier, authenticate: authenticate(verifier) };
}
