import type { AppContext } from '@mosaic/kit-app';
import type { Resource } from '@mosaic/kit-core';
import type { Principal } from '@mosaic/kit-http';
import type { TokenVerifier } from '@mosaic/auth-domain';
import { authenticate, authenticateUpgrade, createAuthRouter, requireAuth, securityEventLog } from '@mosaic/auth-delivery';
import { createAuthRepositories, createMemoryAttemptLimiter, createRedisAttemptLimiter } from '@mosaic/auth-repository';
import { createAuthUseCases, resolveSigningKeys, type AuthUseCases } from '@mosaic/auth-usecase';
import type { RequestHandler, Router } from 'express';
import type { IncomingMessage } from 'node:http';
import { loadAuthConfig } from './auth-config';

export interface AuthModule {
  readonly useCases: AuthUseCases;
  /** What other domains depend on, through the middleware below. */
  readonly verifier: TokenVerifier;
  /** Mount at `/api/v1/auth`, before `authenticate`. */
  readonly router: Router;
  /** Global and optional: sets the principal when a valid token is presented. */
  readonly authenticate: RequestHandler;
  readonly requireAuth: RequestHandler;
  readonly authenticateUpgrade: (req: IncomingMessage) => Promise<Principal>;
  /** Stops the expired-session sweeper on shutdown. */
  readonly resource: Resource;
}

/** Auth on the shared backends: MySQL when configured (migrated at start), Redis for attempt limits. */
export async function createAuthModule(context: AppContext): Promise<AuthModule> {
  const config = loadAuthConfig(context.env);
  const repositories = createAuthRepositories({ mysql: context.backends.mysql });
  await repositories.migrate();
  const keys = await resolveSigningKeys({ privateKey: config.AUTH_PRIVATE_KEY }, { onGenerated: (warning) => context.logger.warn(warning) });
  const useCases = createAuthUseCases({
    users: repositories.users,
    refreshTokens: repositories.refreshTokens,
    limiter: context.backends.redis ? createRedisAttemptLimiter(context.backends.redis, { namespace: config.AUTH_REDIS_NAMESPACE }) : createMemoryAttemptLimiter(),
    keys,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    accessTtlSeconds: config.AUTH_ACCESS_TTL_SECONDS,
    ids: context.ids,
    securityEvents: securityEventLog(context.logger),
  });
  const sweeper = setInterval(() => {
    useCases.purgeExpiredSessions.execute().catch((error: unknown) => context.logger.warn({ err: error }, 'purging expired sessions failed'));
  }, config.AUTH_PURGE_INTERVAL_MS);
  sweeper.unref();
  const allowedOrigins = config.AUTH_WS_ALLOWED_ORIGINS?.split(',').map((origin) => origin.trim()).filter(Boolean);
  return {
    useCases,
    verifier: useCases.verifier,
    router: createAuthRouter({ useCases }),
    authenticate: authenticate(useCases.verifier),
    requireAuth: requireAuth(useCases.verifier),
    authenticateUpgrade: authenticateUpgrade(useCases.verifier, { allowedOrigins }),
    resource: { name: 'auth:sweeper', check: async () => undefined, close: async () => clearInterval(sweeper) },
  };
}
