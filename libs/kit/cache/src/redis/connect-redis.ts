import type { Resource } from '@mosaic/kit-core';
import { Redis, type RedisOptions } from 'ioredis';
import { redactUrl } from '@mosaic/kit-core';

/** The ioredis client type, re-exported so adapters can name it without importing ioredis. */
export type RedisClient = Redis;

export interface ConnectRedisOptions {
  /** The Resource's name in readiness reports; default "redis". */
  name?: string;
  /** How long the first connection and each readiness ping may take; default 5,000 ms. */
  timeoutMs?: number;
  /**
   * Receives connection errors after start-up (ioredis reconnects by itself; readiness
   * checks report the outage). Without it ioredis prints them to stderr.
   */
  onError?: (error: Error) => void;
  /** Passed through to ioredis (except `keyPrefix`: caches and limiters prefix their own keys). */
  redis?: Omit<RedisOptions, 'keyPrefix' | 'lazyConnect'>;
}

export interface RedisConnection {
  readonly client: Redis;
  readonly resource: Resource;
}

/**
 * Opens an ioredis client and waits for it to be ready, so a wrong REDIS_URL fails
 * at start-up with a message naming it rather than at the first request.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions = {}): Promise<RedisConnection> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const client = new Redis(url, {
    connectTimeout: timeoutMs,
    // Fail commands after a few reconnect attempts instead of queueing them for minutes.
    maxRetriesPerRequest: 3,
    ...options.redis,
    lazyConnect: true,
  });
  // The first failure is reported by the rejection below; keep ioredis from also printing it.
  const ignore = () => undefined;
  client.on('error', ignore);
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`cannot connect to Redis at ${redactUrl(url)}: ${(error as Error).message}`, { cause: error });
  } finally {
    client.off('error', ignore);
  }
  if (options.onError) client.on('error', options.onError);

  const resource: Resource = {
    name: options.name ?? 'redis',
    check: async () => {
      await withTimeout(client.ping(), timeoutMs, `Redis did not answer PING within ${timeoutMs} ms`);
    },
    close: async () => {
      if (client.status === 'end') return;
      try {
        await client.quit();
      } catch {
        // QUIT fails when the connection is already broken; nothing is left to flush.
        client.disconnect();
      }
    },
  };
  return { client, resource };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
