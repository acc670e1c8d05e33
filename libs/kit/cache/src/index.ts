export type { Cache, CacheSetOptions } from './lib/cache';
export { defineScript } from './lib/script';
export type { CacheScript, ScriptArg, ScriptArgs, ScriptArgSpec, ScriptArgType, ScriptDefinition, ScriptReply, ScriptStore } from './lib/script';
export { createMemoryCache } from './memory/memory-cache';
export type { MemoryCacheOptions } from './memory/memory-cache';
export { connectRedis } from './redis/connect-redis';
export type { ConnectRedisOptions, RedisClient, RedisConnection } from './redis/connect-redis';
export { createRedisCache } from './redis/redis-cache';
export type { RedisCacheOptions } from './redis/redis-cache';
