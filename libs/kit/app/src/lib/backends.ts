import type { BackendUrls } from '@mosaic/kit-config';
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

export async function connectBackends(urls: BackendUrls, options: ConnectOptions): Promise<Backends> {
  const resources: Resource[] = [];
  const mysql = urls.mysql ? createMysqlPool(urls.mysql) : undefined;
  if (mysql) {
    await mysql.resource.check();
    resources.push(mysql.resource);
  }
  const redis = urls.redis ? await connectRedis(urls.redis) : undefined;
  if (redis) resources.push(redis.resource);
  const mongo = urls.mongo ? await connectMongo(urls.mongo) : undefined;
  if (mongo) resources.push(mongo.resource);
  const mqLogger = options.logger.child({ component: 'mq' });
  const mq: MessageQueue = urls.kafkaBrokers
    ? new KafkaMessageQueue({ brokers: urls.kafkaBrokers, clientId: options.clientId, logger: mqLogger })
    : new MemoryMessageQueue({ logger: mqLogger });
  resources.push(mq);
  return { mysql: mysql?.pool, redis: redis?.client, mongo: mongo?.connection, mq, resources };
}
