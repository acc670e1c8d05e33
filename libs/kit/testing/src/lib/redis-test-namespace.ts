import { uniqueName } from './unique-name';

export interface TestRedisNamespace {
  /** Give this to caches and limiters as their namespace; their keys start with `${namespace}:`. */
  readonly namespace: string;
  /** Deletes every key under the namespace. */
  drop(): Promise<void>;
}

/**
 * Redis has no cheap per-test database, so tests share one server and keep apart by
 * key prefix: a namespace no other run uses, removed afterwards.
 */
export function createTestRedisNamespace(redisUrl: string, label = 'test'): TestRedisNamespace {
  const namespace = uniqueName(label);
  return {
    namespace,
    drop: async () => {
      // Loaded lazily: only suites that ask for Redis pay for the client.
      const { Redis } = await import('ioredis');
      const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
      await client.connect();
      try {
        let cursor = '0';
        do {
          const [next, keys] = await client.scan(cursor, 'MATCH', `${escapeGlob(namespace)}:*`, 'COUNT', 500);
          if (keys.length > 0) await client.unlink(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        await client.quit();
      }
    },
  };
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
