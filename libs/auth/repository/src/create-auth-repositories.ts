import type { AttemptLimiter, RefreshTokenRepository, UserRepository } from '@mosaic/auth-domain';
import type { RedisClient } from '@mosaic/kit-cache';
import type { MysqlPool } from '@mosaic/kit-db';
import { createMemoryAttemptLimiter, createRedisAttemptLimiter } from './limiter/attempt-limiters';
import type { AttemptLimits } from './limiter/rate-limited-attempts';
import { MemoryRefreshTokenRepository } from './memory/memory-refresh-token-repository';
import { MemoryUserRepository } from './memory/memory-user-repository';
import { migrateAuthSchema } from './mysql/migrations/auth-migrations';
import { MysqlRefreshTokenRepository } from './mysql/mysql-refresh-token-repository';
import { MysqlUserRepository } from './mysql/mysql-user-repository';

export interface AuthRepositories {
  readonly backend: 'memory' | 'mysql';
  readonly users: UserRepository;
  readonly refreshTokens: RefreshTokenRepository;
  /** Creates or upgrades the tables (MySQL); nothing to do in memory. Run once at start-up. */
  migrate(): Promise<void>;
}

/** MySQL when a pool is given (the app owns and closes it), else in memory. */
export function createAuthRepositories(options: { mysql?: MysqlPool } = {}): AuthRepositories {
  const pool = options.mysql;
  if (!pool) {
    return {
      backend: 'memory',
      users: new MemoryUserRepository(),
      refreshTokens: new MemoryRefreshTokenRepository(),
      migrate: async () => undefined,
    };
  }
  return {
    backend: 'mysql',
    users: new MysqlUserRepository(pool),
    refreshTokens: new MysqlRefreshTokenRepository(pool),
    migrate: async () => {
      await migrateAuthSchema(pool);
    },
  };
}

export interface AttemptLimiterOptions {
  /** Share limits across instances through Redis; without it they are per process. */
  redis?: RedisClient;
  namespace?: string;
  limits?: AttemptLimits;
}

/** Redis when a client is given, else in memory. */
export function createAttemptLimiter(options: AttemptLimiterOptions = {}): AttemptLimiter {
  return options.redis
    ? createRedisAttemptLimiter(options.redis, { namespace: options.namespace, limits: options.limits })
    : createMemoryAttemptLimiter(options.limits);
}
