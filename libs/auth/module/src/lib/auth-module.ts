import type { AppContext } from '@mosaic/kit-app';
import type { Resource } from '@mosaic/kit-core';
import type { Principal } from '@mosaic/kit-http';
import type { SessionRevocations, TokenVerifier } from '@mosaic/auth-domain';
import {
  authenticate,
  authenticateUpgrade,
  authenticateUpgradeSession,
  createAuthRouter,
  requireAuth,
  securityEventLog,
  userEventLog,
} from '@mosaic/auth-delivery';
import {
  createAuthCrypto,
  createAuthRepositories,
  createMemoryAttemptLimiter,
  createMemorySessionRevocations,
  createRedisAttemptLimiter,
  createRedisSessionRevocations,
  resolveSigningKeys,
  ZxcvbnPasswordStrength,
} from '@mosaic/auth-repository';
import { createAuthUseCases, type AuthUseCases } from '@mosaic/auth-usecase';
import type { RequestHandler, Router } from 'express';
import type { IncomingMessage } from 'node:http';
import { loadAuthConfig } from './auth-config';

export interface AuthModule {
  readonly useCases: AuthUseCases;
  /** What other domains depend on, through the middleware below: signature, expiry and ended sessions. */
  readonly verifier: TokenVerifier;
  /** Mount at `/api/v1/auth`, before `authenticate`. */
  readonly router: Router;
  /**
   * Global and optional, and free where the principal is never read: routes that read
   * it check the presented token (a refused one only matters there).
   */
  readonly authenticate: RequestHandler;
  readonly requireAuth: RequestHandler;
  readonly authenticateUpgrade: (req: IncomingMessage) => Promise<Principal>;
  /** The same, with the token's expiry, for sockets that must end when their token does. */
  readonly authenticateUpgradeSession: (req: IncomingMessage) => Promise<Principal & { readonly expiresAt: Date }>;
  /** Stops the expired-session sweeper on shutdown. */
  readonly resource: Resource;
}

/** Revocations outlive the last access token of a session by the verifiers' clock tolerance and then some. */
export const REVOCATION_MARGIN_SECONDS = 60;

/**
 * Where ended sessions are kept: Redis when configured (shared by every instance, each
 * asking it at most once a second per session), else this process's memory.
 */
function sessionRevocations(context: AppContext, accessTtlSeconds: number): SessionRevocations {
  const ttlSeconds = accessTtlSeconds + REVOCATION_MARGIN_SECONDS;
  return context.backends.redis ? createRedisSessionRevocations(context.backends.redis, { ttlSeconds }) : createMemorySessionRevocations({ ttlSeconds });
}

/** Auth on the shared backends: MySQL when configured (migrated at start), Redis for attempt limits and ended sessions. */
export async function createAuthModule(context: AppContext): Promise<AuthModule> {
  const config = loadAuthConfig(context.env);
  const repositories = createAuthRepositories({ mysql: context.backends.mysql });
  await repositories.migrate();
  const keys = await resolveSigningKeys({ privateKey: config.AUTH_PRIVATE_KEY }, { onGenerated: (warning) => context.logger.warn(warning) });
  const crypto = createAuthCrypto({ keys, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, accessTtlSeconds: config.AUTH_ACCESS_TTL_SECONDS });
  const useCases = createAuthUseCases({
    users: repositories.users,
    refreshTokens: repositories.refreshTokens,
    limiter: context.backends.redis
      ? createRedisAttemptLimiter(context.backends.redis, { namespace: config.AUTH_REDIS_NAMESPACE })
      : createMemoryAttemptLimiter(),
    hasher: crypto.hasher,
    accessTokens: crypto.accessTokens,
    tokenVerifier: crypto.tokenVerifier,
    secrets: crypto.secrets,
    revocations: sessionRevocations(context, config.AUTH_ACCESS_TTL_SECONDS),
    passwordStrength: new ZxcvbnPasswordStrength(),
    adminEmails: config.AUTH_ADMIN_EMAILS,
    ids: context.ids,
    securityEvents: securityEventLog(context.logger),
    userEvents: userEventLog(context.logger),
  });
  await useCases.bootstrapAdmins.execute(config.AUTH_ADMIN_EMAILS);
  const sweeper = setInterval(() => {
    useCases.purgeExpiredSessions.execute().catch((error: unknown) => context.logger.warn({ err: error }, 'purging expired sessions failed'));
  }, config.AUTH_PURGE_INTERVAL_MS);
  sweeper.unref();
  const allowedOrigins = config.AUTH_WS_ALLOWED_ORIGINS?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return {
    useCases,
    verifier: useCases.verifier,
    router: createAuthRouter({ useCases, publicKeys: () => crypto.jwks() }),
    authenticate: authenticate(useCases.verifier),
    requireAuth: requireAuth(useCases.verifier),
    authenticateUpgrade: authenticateUpgrade(useCases.verifier, { allowedOrigins }),
    authenticateUpgradeSession: authenticateUpgradeSession(useCases.verifier, { allowedOrigins }),
    resource: { name: 'auth:sweeper', check: async () => undefined, close: async () => clearInterval(sweeper) },
  };
}
