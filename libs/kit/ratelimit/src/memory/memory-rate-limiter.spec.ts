import { rateLimiterContract } from '../contract/rate-limiter-contract';
import { createMemoryRateLimiter } from './memory-rate-limiter';

rateLimiterContract('memory', (options) => createMemoryRateLimiter(options));
