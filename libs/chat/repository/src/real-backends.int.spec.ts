import { connectRedis } from '@mosaic/kit-cache';
import { connectMongo, createMysqlPool, migrate } from '@mosaic/kit-db';
import { createLogger } from '@mosaic/kit-log';
import { KafkaMessageQueue } from '@mosaic/kit-mq';
import { createTestDatabase, createTestMongoDatabase, createTestRedisNamespace, describeWithBackend, uniqueName } from '@mosaic/kit-testing';
import { KafkaChatBus } from './kafka/kafka-chat-bus';
import { MongoMessageRepository, MongoReadCursorRepository } from './mongo/mongo-message-repository';
import { CHAT_MIGRATIONS } from './mysql/chat-migrations';
import { MysqlChannelRepository } from './mysql/mysql-channel-repository';
import { MysqlFriendRepository } from './mysql/mysql-friend-repository';
import { RedisChatBus } from './redis/redis-chat-bus';
import { RedisPresenceStore } from './redis/redis-presence-store';
import { channelRepositoryContract } from './test-support/contracts/channel-repository.contract';
import { chatBusContract } from './test-support/contracts/chat-bus.contract';
import { friendRepositoryContract } from './test-support/contracts/friend-repository.contract';
import { messageRepositoryContract, readCursorContract } from './test-support/contracts/message-repository.contract';
import { presenceStoreContract } from './test-support/contracts/presence-store.contract';

const silent = createLogger({ name: 'chat-int', level: 'silent', pretty: false });

describeWithBackend('mongo', 'chat messages', (backend) => {
  const onMongo = <T>(build: (connection: Awaited<ReturnType<typeof connectMongo>>['connection']) => Promise<T> | T) => ({
    name: 'mongo',
    open: async () => {
      const db = await createTestMongoDatabase(backend.url(), 'chat');
      const handle = await connectMongo(db.url);
      const port = await build(handle.connection);
      return {
        port,
        close: async () => {
          await handle.resource.close();
          await db.drop();
        },
      };
    },
  });
  messageRepositoryContract(onMongo((connection) => MongoMessageRepository.open(connection)));
  readCursorContract(onMongo((connection) => MongoReadCursorRepository.open(connection)));
});

describeWithBackend('mysql', 'chat friends and channels', (backend) => {
  const onMysql = <T>(build: (pool: ReturnType<typeof createMysqlPool>['pool']) => T) => ({
    name: 'mysql',
    open: async () => {
      const db = await createTestDatabase(backend.url(), 'chat');
      const handle = createMysqlPool(db.url, { connectionLimit: 10 });
      await migrate(handle.pool, { namespace: 'chat', migrations: CHAT_MIGRATIONS });
      return {
        port: build(handle.pool),
        close: async () => {
          await handle.resource.close();
          await db.drop();
        },
      };
    },
  });
  friendRepositoryContract(onMysql((pool) => new MysqlFriendRepository(pool)));
  channelRepositoryContract(onMysql((pool) => new MysqlChannelRepository(pool)));
});

describeWithBackend('redis', 'chat presence and Redis fan-out', (backend) => {
  const onRedis = <T>(build: (client: Awaited<ReturnType<typeof connectRedis>>['client'], namespace: string) => T) => ({
    name: 'redis',
    open: async () => {
      const namespace = createTestRedisNamespace(backend.url(), 'chat');
      const connection = await connectRedis(backend.url());
      return {
        port: build(connection.client, namespace.namespace),
        close: async () => {
          await namespace.drop();
          await connection.resource.close();
        },
      };
    },
  });
  presenceStoreContract(onRedis((client, namespace) => new RedisPresenceStore(client, namespace)));
  chatBusContract(onRedis((client, namespace) => new RedisChatBus(client, namespace, silent)));
});

describeWithBackend('kafka', 'chat Kafka fan-out', (backend) => {
  chatBusContract({
    name: 'kafka',
    open: async () => {
      const mq = new KafkaMessageQueue({ brokers: backend.url(), clientId: 'chat-int', logger: silent });
      return { port: new KafkaChatBus(mq, uniqueName('chat-fanout'), 'int', silent), close: () => mq.close() };
    },
  });
});
