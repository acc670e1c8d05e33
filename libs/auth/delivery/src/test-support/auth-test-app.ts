import { randomBytes } from 'node:crypto';
import type { RefreshTokenRepository, UserRepository } from '@mosaic/auth-domain';
import { createAuthRepositories, createMemoryAttemptLimiter, type AttemptLimits, type AuthRepositories } from '@mosaic/auth-repository';
import { createAuthUseCases, generateSigningKeys, type AuthUseCases } from '@mosaic/auth-usecase';
import { ManualClock, SnowflakeIds } from '@mosaic/kit-core';
import { buildHttpApp, requirePrincipal } from '@mosaic/kit-http';
import { createLogger } from '@mosaic/kit-log';
import type { Express } from 'express';
import { createAuthRouter } from '../lib/auth-router';
import { authenticate } from '../lib/authenticate';

export const ISSUER = 'https://auth.mosaic.test';
export const AUDIENCE = 'mosaic';

let nextWorkerId = 1;

const generous: AttemptLimits = {
  login: { ip: { points: 10_000, durationSeconds: 60 }, email: { points: 10_000, durationSeconds: 60 } },
  register: { ip: { points: 10_000, durationSeconds: 60 }, email: { points: 10_000, durationSeconds: 60 } },
};

/** Every write that reached storage, so attack tests can show nothing was stored. */
export type Write = 'users.create' | 'users.replacePasswordHash' | 'refreshTokens.startFamily' | 'refreshTokens.rotate' | 'refreshTokens.revokeFamily';

export interface AuthTestApp {
  app: Express;
  auth: AuthUseCases;
  clock: ManualClock;
  repositories: AuthRepositories;
  writes: Write[];
}

/**
 * The platform's composition in miniature: the auth router at /api/v1/auth, then the
 * global `authenticate` middleware, then a route of "another domain" that only calls
 * `requirePrincipal`.
 */
export async function authTestApp(options: { repositories?: AuthRepositories; limits?: AttemptLimits; trustProxy?: boolean } = {}): Promise<AuthTestApp> {
  const clock = new ManualClock();
  // Apps in one file may share a database and all start at the same manual instant,
  // so each needs its own Snowflake worker to mint distinct ids (as processes do).
  const ids = new SnowflakeIds(nextWorkerId++ % 1024, clock);
  const repositories = options.repositories ?? createAuthRepositories();
  const writes: Write[] = [];
  const auth = createAuthUseCases({
    users: recordingUsers(repositories.users, writes),
    refreshTokens: recordingRefreshTokens(repositories.refreshTokens, writes),
    limiter: createMemoryAttemptLimiter(options.limits ?? generous),
    keys: await generateSigningKeys(),
    issuer: ISSUER,
    audience: AUDIENCE,
    clock,
    ids,
    scryptCost: { logN: 10 },
  });
  const { app } = buildHttpApp({
    logger: createLogger({ name: 'auth-test', level: 'silent', pretty: false }),
    trustProxy: options.trustProxy,
    mount: (app) => {
      app.use('/api/v1/auth', createAuthRouter({ useCases: auth }));
      app.use(authenticate(auth.verifier));
      app.get('/api/v1/notes/mine', (req, res) => {
        const principal = requirePrincipal(req);
        res.json({ owner: principal.id, email: principal.email, roles: principal.roles });
      });
      app.get('/api/v1/public', (_req, res) => {
        res.json({ hello: 'world' });
      });
    },
  });
  return { app, auth, clock, repositories, writes };
}

const run = randomBytes(3).toString('hex');
let sequence = 0;

export function aRegistration(overrides: Record<string, unknown> = {}) {
  return { email: `grace.${run}.${++sequence}@example.com`, password: 'correct horse battery staple', name: 'Grace Hopper', ...overrides };
}

function recordingUsers(inner: UserRepository, writes: Write[]): UserRepository {
  return {
    create: async (user) => {
      await inner.create(user);
      writes.push('users.create');
    },
    findById: (id) => inner.findById(id),
    findByEmail: (email) => inner.findByEmail(email),
    replacePasswordHash: async (...args) => {
      const replaced = await inner.replacePasswordHash(...args);
      if (replaced) writes.push('users.replacePasswordHash');
      return replaced;
    },
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
    purgeExpired: (now) => inner.purgeExpired(now),
  };
}
