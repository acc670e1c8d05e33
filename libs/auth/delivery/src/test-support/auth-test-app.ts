import { randomBytes } from 'node:crypto';
import type { RefreshTokenRepository, SessionRevocations, UserRepository } from '@mosaic/auth-domain';
import {
  attemptLimits,
  createAuthCrypto,
  createAuthRepositories,
  createMemoryAttemptLimiter,
  createMemorySessionRevocations,
  generateSigningKeys,
  ZxcvbnPasswordStrength,
  type AttemptLimits,
  type AuthCrypto,
  type AuthRepositories,
  type SigningKeys,
} from '@mosaic/auth-repository';
import { createAuthUseCases, type AuthUseCases } from '@mosaic/auth-usecase';
import { ManualClock, SnowflakeIds } from '@mosaic/kit-core';
import { buildHttpApp, requirePrincipal, resolvePrincipal } from '@mosaic/kit-http';
import { createLogger } from '@mosaic/kit-log';
import type { Express } from 'express';
import { createAuthRouter } from '../lib/auth-router';
import { authenticate } from '../lib/authenticate';

export const ISSUER = 'https://auth.mosaic.test';
export const AUDIENCE = 'mosaic';

let nextWorkerId = 1;

const generous: AttemptLimits = attemptLimits({
  login: { ip: 10_000, pair: 10_000, freeEmailAttempts: 10_000 },
  register: { ip: 10_000, pair: 10_000, freeEmailAttempts: 10_000 },
});

export const ACCESS_TTL_SECONDS = 900;

/** Every write that reached storage, so attack tests can show nothing was stored. */
export type Write =
  'users.create' | 'users.update' | 'refreshTokens.startFamily' | 'refreshTokens.rotate' | 'refreshTokens.revokeFamily' | 'refreshTokens.revokeUserFamilies';

export interface AuthTestApp {
  app: Express;
  auth: AuthUseCases;
  crypto: AuthCrypto;
  clock: ManualClock;
  repositories: AuthRepositories;
  writes: Write[];
}

/**
 * The platform's composition in miniature: the auth router at /api/v1/auth, then the
 * global `authenticate` middleware, then a route of "another domain" that only calls
 * `requirePrincipal` (behind `resolvePrincipal`), and a public one.
 */
export interface AuthTestAppOptions {
  repositories?: AuthRepositories;
  limits?: AttemptLimits;
  trustProxy?: boolean;
  /** Shared with another app to stand for a second instance; default in memory. */
  revocations?: SessionRevocations;
  /** Shared with another app so both verify each other's tokens; default fresh keys. */
  keys?: SigningKeys;
  adminEmails?: string[];
}

export async function authTestApp(options: AuthTestAppOptions = {}): Promise<AuthTestApp> {
  const clock = new ManualClock();
  // Apps in one file may share a database and all start at the same manual instant,
  // so each needs its own Snowflake worker to mint distinct ids (as processes do).
  const ids = new SnowflakeIds(nextWorkerId++ % 1024, clock);
  const repositories = options.repositories ?? createAuthRepositories();
  const writes: Write[] = [];
  const crypto = createAuthCrypto({
    keys: options.keys ?? (await generateSigningKeys()),
    issuer: ISSUER,
    audience: AUDIENCE,
    accessTtlSeconds: ACCESS_TTL_SECONDS,
    clock,
    scryptCost: { logN: 10 },
  });
  const auth = createAuthUseCases({
    users: recordingUsers(repositories.users, writes),
    refreshTokens: recordingRefreshTokens(repositories.refreshTokens, writes),
    limiter: createMemoryAttemptLimiter(options.limits ?? generous),
    hasher: crypto.hasher,
    accessTokens: crypto.accessTokens,
    tokenVerifier: crypto.tokenVerifier,
    secrets: crypto.secrets,
    revocations: options.revocations ?? createMemorySessionRevocations({ ttlSeconds: ACCESS_TTL_SECONDS + 60, clock }),
    passwordStrength: new ZxcvbnPasswordStrength(),
    adminEmails: options.adminEmails,
    clock,
    ids,
    pause: async () => undefined,
  });
  const { app } = buildHttpApp({
    logger: createLogger({ name: 'auth-test', level: 'silent', pretty: false }),
    trustProxy: options.trustProxy,
    mount: (app) => {
      app.use('/api/v1/auth', createAuthRouter({ useCases: auth, publicKeys: () => crypto.jwks() }));
      app.use(authenticate(auth.verifier));
      app.get('/api/v1/notes/mine', resolvePrincipal, (req, res) => {
        const principal = requirePrincipal(req);
        res.json({ owner: principal.id, email: principal.email, roles: principal.roles });
      });
      app.get('/api/v1/public', (_req, res) => {
        res.json({ hello: 'world' });
      });
    },
  });
  return { app, auth, crypto, clock, repositories, writes };
}

const run = randomBytes(3).toString('hex');
let sequence = 0;

export function aRegistration(overrides: Record<string, unknown> = {}) {
  return { email: `grace.${run}.${++sequence}@example.com`, password: 'correct horse battery staple', name: 'Grace Hopper', ...overrides };
}

function recordingUsers(inner: UserRepository, writes: Write[]): UserRepository {
  return {
    save: async (user) => {
      const write = user.isNew ? 'users.create' : 'users.update';
      await inner.save(user);
      writes.push(write);
    },
    findById: (id) => inner.findById(id),
    findByEmail: (email) => inner.findByEmail(email),
  };
}

function recordingRefreshTokens(inner: RefreshTokenRepository, writes: Write[]): RefreshTokenRepository {
  return {
    startFamily: async (...args) => {
      await inner.startFamily(...args);
      writes.push('refreshTokens.startFamily');
    },
    findByHash: (hash) => inner.findByHash(hash),
    rotate: async (...args) => {
      const outcome = await inner.rotate(...args);
      if (outcome === 'rotated') writes.push('refreshTokens.rotate');
      return outcome;
    },
    revokeFamily: async (...args) => {
      const revoked = await inner.revokeFamily(...args);
      if (revoked) writes.push('refreshTokens.revokeFamily');
      return revoked;
    },
    revokeUserFamilies: async (...args) => {
      const revoked = await inner.revokeUserFamilies(...args);
      if (revoked.length > 0) writes.push('refreshTokens.revokeUserFamilies');
      return revoked;
    },
    purgeExpired: (now) => inner.purgeExpired(now),
  };
}
