import { attemptLimiterContract } from '../contract/attempt-limiter-contract';
import { refreshTokenRepositoryContract } from '../contract/refresh-token-repository-contract';
import { userRepositoryContract } from '../contract/user-repository-contract';
import { createMemoryAttemptLimiter } from '../limiter/attempt-limiters';
import { MemoryRefreshTokenRepository } from './memory-refresh-token-repository';
import { MemoryUserRepository } from './memory-user-repository';

userRepositoryContract('memory', () => new MemoryUserRepository());
refreshTokenRepositoryContract('memory', () => ({ users: new MemoryUserRepository(), refreshTokens: new MemoryRefreshTokenRepository() }));
attemptLimiterContract('memory', (limits) => createMemoryAttemptLimiter(limits));
