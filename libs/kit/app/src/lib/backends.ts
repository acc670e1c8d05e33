import { ConfigError, type BackendUrls } from '@mosaic/kit-config';
import type { Resource } from '@mosaic/kit-core';
import { connectRedis, type RedisClient } from '@mosaic/kit-cache';
import { connectMongo, createMysqlPool, type MysqlPool } from '@mosaic/kit-db';
import type { Logger } from '@mosaic/kit-log';
import { KafkaMessageQueue, MemoryMessageQueue, type MessageQueue } from '@mosaic/kit-mq';
import type { Connection } from 'mongoose';

/**
 * The shared clients of one process, built once from the configured URLs and handed
 * to every domain's adapter factory. An absent client means that domain falls back
 * to its embedded default; the message queue is always there (in memory by default).
 */
export interface Backends {
  readonly mysql?: MysqlPool;
  readonly redis?: RedisClient;
  readonly mongo?: Connection;
  readonly mq: MessageQueue;
  /** For /ready and shutdown, in the order they were opened. */
  readonly resources: Resource[];
}

export interface ConnectOptions {
  logger: Logger;
  /** Kafka client id; also names this process in broker logs. */
  clientId: string;
}

/**
 * Connects to every configured backend before anything is served: a URL the backend
 * refuses (unreachable host, unknown database or Redis index, wrong credentials,
 * brokers that do not answer) stops the start with a ConfigError naming the
 * variable, and closes whatever was already opened.
 */
export async function connectBackends(urls: BackendUrls, options: ConnectOptions): Promise<Backends> {
  const resources: Resource[] = [];
  const opened = async <T extends { resource: Resource }>(variable: string, connect: () => Promise<T>): Promise<T> => {
    try {
      const handle = await connect();
      resources.push(handle.resource);
      return handle;
    } catch (error) {
      for (const resource of [...resources].reverse()) await resource.close().catch(() => undefined);
      throw new ConfigError([{ variable, message: `the backend refused it: ${(error as Error).message}` }]);
    }
  };
  const { mysql: mysqlUrl, redis: redisUrl, mongo: mongoUrl, kafkaBrokers } = urls;
  const mysql = mysqlUrl
    ? await opened('MYSQL_URL', async () => {
        const handle = createMysqlPool(mysqlUrl);
        try {
          await handle.resource.check();
        } catch (error) {
          await handle.resource.close().catch(() => undefined);
          throw error;
        }
        return handle;
      })
    : undefined;
  const redisLogger = options.logger.child({ backend: 'redis' });
  const outage = outageLogger(redisLogger);
  const redis = redisUrl ? await opened('REDIS_URL', () => connectRedis(redisUrl, { onError: outage.failed })) : undefined;
  redis?.client.on('ready', outage.recovered);
  const mongo = mongoUrl ? await opened('MONGO_URL', () => connectMongo(mongoUrl)) : undefined;
  const mqLogger = options.logger.child({ component: 'mq' });
  const mq: MessageQueue = kafkaBrokers
    ? (
        await opened('KAFKA_BROKERS', async () => {
          const kafka = new KafkaMessageQueue({ brokers: kafkaBrokers, clientId: options.clientId, logger: mqLogger });
          try {
            await kafka.check();
          } catch (error) {
            await kafka.close().catch(() => undefined);
            throw error;
          }
          return { resource: kafka };
        })
      ).resource
    : new MemoryMessageQueue({ logger: mqLogger });
  if (!kafkaBrokers) resources.push(mq);
  return { mysql: mysql?.pool, redis: redis?.client, mongo: mongo?.connection, mq, resources };
}

/** The client retries on its own; one warning per failed attempt would flood the log, so say it once per outage. */
function outageLogger(logger: Logger): { failed: (error: Error) => void; recovered: () => void } {
  let down = false;
  return {
    failed: (error) => {
      if (down) return;
      down = true;
      logger.warn({ err: error }, 'Redis connection lost; retrying until it is back');
    },
    recovered: () => {
      if (!down) return;
      down = false;
      logger.info('Redis connection restored');
    },
  };
}
