import type { ChannelRepository, ChatBus, FriendRepository, MessageRepository, PresenceStore, ReadCursorRepository } from '@mosaic/chat-domain';
import type { RedisClient } from '@mosaic/kit-cache';
import type { Resource } from '@mosaic/kit-core';
import { migrate, type MysqlPool } from '@mosaic/kit-db';
import type { Logger } from '@mosaic/kit-log';
import type { MessageQueue } from '@mosaic/kit-mq';
import type { Connection } from 'mongoose';
import { KafkaChatBus } from './kafka/kafka-chat-bus';
import { MemoryChannelRepository } from './memory/memory-channel-repository';
import { MemoryChatBus } from './memory/memory-chat-bus';
import { MemoryFriendRepository } from './memory/memory-friend-repository';
import { MemoryMessageRepository, MemoryReadCursorRepository } from './memory/memory-message-repository';
import { MemoryPresenceStore } from './memory/memory-presence-store';
import { MongoMessageRepository, MongoReadCursorRepository } from './mongo/mongo-message-repository';
import { CHAT_MIGRATIONS } from './mysql/chat-migrations';
import { MysqlChannelRepository } from './mysql/mysql-channel-repository';
import { MysqlFriendRepository } from './mysql/mysql-friend-repository';
import { RedisChatBus } from './redis/redis-chat-bus';
import { RedisPresenceStore } from './redis/redis-presence-store';

export interface ChatAdapters {
  readonly messages: MessageRepository;
  readonly readCursors: ReadCursorRepository;
  readonly friends: FriendRepository;
  readonly channels: ChannelRepository;
  readonly presence: PresenceStore;
  readonly bus: ChatBus;
  /** Which backend serves each port, for the start-up log. */
  readonly backends: Readonly<Record<'messages' | 'friends' | 'presence' | 'bus', string>>;
  readonly migrate?: () => Promise<void>;
  readonly resources: Resource[];
}

export interface ChatAdapterOptions {
  readonly mongo?: Connection;
  readonly mysql?: MysqlPool;
  readonly redis?: RedisClient;
  /** Given only when the queue is Kafka: fan-out then goes through it. */
  readonly mq?: MessageQueue;
  /** Names this process's consumer group on the fan-out topic. */
  readonly instanceId?: string;
  /** Key prefix in Redis (presence, pub/sub channel); default "chat". */
  readonly redisNamespace?: string;
  /** The fan-out topic on Kafka; default "chat.fanout". */
  readonly topic?: string;
  readonly logger?: Logger;
}

/**
 * The chat ports on whichever shared backends are configured: MongoDB for messages
 * and read cursors, MySQL for friends and channels, Redis for presence, and fan-out
 * through Kafka, else Redis pub/sub, else in process. Each missing backend falls back
 * to memory (the embedded default).
 */
export async function createChatAdapters(options: ChatAdapterOptions = {}): Promise<ChatAdapters> {
  const namespace = options.redisNamespace ?? 'chat';
  const messages = options.mongo ? await MongoMessageRepository.open(options.mongo) : new MemoryMessageRepository();
  const readCursors = options.mongo ? MongoReadCursorRepository.open(options.mongo) : new MemoryReadCursorRepository();
  const mysql = options.mysql;
  const bus: ChatBus = options.mq
    ? new KafkaChatBus(options.mq, options.topic ?? 'chat.fanout', options.instanceId ?? 'instance', options.logger)
    : options.redis
      ? new RedisChatBus(options.redis, namespace, options.logger)
      : new MemoryChatBus();
  return {
    messages,
    readCursors,
    friends: mysql ? new MysqlFriendRepository(mysql) : new MemoryFriendRepository(),
    channels: mysql ? new MysqlChannelRepository(mysql) : new MemoryChannelRepository(),
    presence: options.redis ? new RedisPresenceStore(options.redis, namespace) : new MemoryPresenceStore(),
    bus,
    backends: {
      messages: options.mongo ? 'mongo' : 'memory',
      friends: mysql ? 'mysql' : 'memory',
      presence: options.redis ? 'redis' : 'memory',
      bus: options.mq ? 'kafka' : options.redis ? 'redis' : 'memory',
    },
    migrate: mysql
      ? async () => {
          await migrate(mysql, { namespace: 'chat', migrations: CHAT_MIGRATIONS });
        }
      : undefined,
    resources: [],
  };
}

/** Every port in process memory: the embedded default and the reference for contract suites. */
export function createMemoryChatAdapters(): Promise<ChatAdapters> {
  return createChatAdapters();
}
