import { armReplyTimeout, redactUrl, withReplyTimeout, type Resource } from '@mosaic/kit-core';
import { Redis, type Command, type RedisOptions } from 'ioredis';
import { guardRedis } from './redis-unavailable';

/** The ioredis client type, re-exported so adapters can name it without importing ioredis. */
export type RedisClient = Redis;

export interface ConnectRedisOptions {
  /** The Resource's name in readiness reports; default "redis". */
  name?: string;
  /** How long the first connection and each readiness ping may take; default 5,000 ms. */
  timeoutMs?: number;
  /**
   * How long any command may wait for its reply; default 500 ms. Redis answers in
   * well under a millisecond, so this only bounds how long a request waits on a
   * Redis that stopped answering before it falls back or answers 503.
   */
  commandTimeoutMs?: number;
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
 * at start-up with a message naming it rather than at the first request. Its
 * commands never queue while Redis is unreachable and always time out: they fail
 * with `backend_unavailable`, and the client reconnects by itself.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions = {}): Promise<RedisConnection> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const raw = new LagTolerantRedis(url, options.commandTimeoutMs ?? 500, {
    connectTimeout: timeoutMs,
    // While Redis is down, commands fail at once (callers fall back or answer 503)
    // instead of queueing until it is back: no request waits seconds on it.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Reconnect quickly and keep trying for as long as it takes: recovery needs no restart.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    ...options.redis,
    lazyConnect: true,
  });
  const client = guardRedis(raw);
  // The first failure is reported by the rejection below; keep ioredis from also printing it.
  const ignore = () => undefined;
  client.on('error', ignore);
  try {
    await client.connect();
    // ioredis only reports a failed SELECT as an event and carries on in database 0:
    // select the URL's database here, so an index the server lacks stops the start.
    if (raw.options.db) await raw.select(raw.options.db);
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
      await withReplyTimeout(client.ping(), timeoutMs, () => new Error(`Redis did not answer PING within ${timeoutMs} ms`));
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

/**
 * ioredis's own `commandTimeout` is a plain timer per command: after a stalled event
 * loop it fails commands Redis answered in time (a 503, and a script that ran is
 * reported as not run). Here it is kit-core's reply timeout, which lets the reply that
 * arrived during the stall be read first.
 */
class LagTolerantRedis extends Redis {
  constructor(
    url: string,
    private readonly commandTimeoutMs: number,
    options: RedisOptions,
  ) {
    super(url, { ...options, commandTimeout: undefined });
  }

  override sendCommand(command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown {
    const stop = armReplyTimeout(this.commandTimeoutMs, () => {
      if (!command.isResolved) command.reject(new Error('Command timed out'));
    });
    command.promise.then(stop, stop);
    return super.sendCommand(command, stream);
  }
}
