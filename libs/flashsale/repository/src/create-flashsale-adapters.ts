import {
  FLASHSALE_EVENTS_TOPIC,
  type CheckoutStore,
  type CodeGenerator,
  type FlashsaleUnitOfWork,
  type OrderEvent,
  type OrderReadModel,
  type SaleGate,
  type SaleRepository,
} from '@mosaic/flashsale-domain';
import { createMemoryCache, createRedisCache, type RedisClient } from '@mosaic/kit-cache';
import type { Resource } from '@mosaic/kit-core';
import { migrate, type MysqlPool } from '@mosaic/kit-db';
import { MemoryMessageQueue, type MessageQueue } from '@mosaic/kit-mq';
import { MemoryPendingOutbox, MysqlPendingOutbox, OutboxRelay, type OutboxRelayOptions, type PendingOutbox, type RelayLogger } from '@mosaic/kit-outbox';
import { randomCodes } from './crypto/random-codes';
import { CacheSaleGate } from './gate/cache-sale-gate';
import { MemoryCheckoutStore } from './memory/memory-checkout-store';
import { MemoryFlashsaleDatabase } from './memory/memory-flashsale-database';
import { MemoryOrderReadModel } from './memory/memory-order-read-model';
import { MemorySaleRepository } from './memory/memory-sale-repository';
import { MemoryUnitOfWork } from './memory/memory-unit-of-work';
import { createCheckoutProcedure } from './mysql/checkout-procedure';
import { FLASHSALE_MIGRATIONS } from './mysql/flashsale-migrations';
import { MysqlCheckoutStore } from './mysql/mysql-checkout-store';
import { MysqlOrderReadModel } from './mysql/mysql-order-read-model';
import { MysqlSaleRepository } from './mysql/mysql-sale-repository';
import { MysqlUnitOfWork } from './mysql/mysql-unit-of-work';

export interface FlashsaleAdapterOptions {
  /** The store of record on MySQL (the caller owns the pool); absent: memory. */
  readonly mysql?: MysqlPool;
  /** The gate on Redis (the caller owns the client); absent: the memory cache. */
  readonly redis?: RedisClient;
  /** Prefix of the gate's Redis keys; default `flashsale`. */
  readonly redisNamespace?: string;
  /** Where order events are relayed; absent: an in-process queue closed with these adapters. */
  readonly mq?: MessageQueue;
  readonly logger?: RelayLogger;
  readonly relay?: Pick<OutboxRelayOptions, 'topic' | 'batchSize' | 'pollIntervalMs' | 'maxBackoffMs'>;
}

export interface FlashsaleAdapters {
  readonly backend: { store: 'memory' | 'mysql'; gate: 'memory' | 'redis' };
  readonly sales: SaleRepository;
  readonly checkouts: CheckoutStore;
  readonly gate: SaleGate;
  readonly unitOfWork: FlashsaleUnitOfWork;
  readonly orders: OrderReadModel;
  readonly codes: CodeGenerator;
  /** The relay's side of the order outbox. */
  readonly outbox: PendingOutbox<OrderEvent>;
  /** Not started: call `relay.start()` once the schema is migrated. */
  readonly relay: OutboxRelay;
  readonly messageQueue: MessageQueue;
  readonly resources: Resource[];
  /** Brings the MySQL schema up to date; absent for memory. */
  readonly migrate?: () => Promise<void>;
}

type Stores = Pick<FlashsaleAdapters, 'sales' | 'checkouts' | 'unitOfWork' | 'orders' | 'outbox' | 'migrate'>;

/** The flash sale's adapters on whatever backends are given: MySQL and Redis when passed, memory otherwise. */
export function createFlashsaleAdapters(options: FlashsaleAdapterOptions = {}): FlashsaleAdapters {
  const ownQueue = options.mq ? undefined : new MemoryMessageQueue({ name: 'mq:flashsale-memory' });
  const messageQueue = options.mq ?? (ownQueue as MessageQueue);
  const wake: { relay?: OutboxRelay } = {};
  const afterCommit = () => wake.relay?.wake();
  const stores = options.mysql ? mysqlStores(options.mysql, afterCommit) : memoryStores(afterCommit);
  // Memory-cache keys per sale: the item states, the counter, one claims key per user; never evicted before they expire.
  const cache = options.redis
    ? createRedisCache(options.redis, { namespace: options.redisNamespace ?? 'flashsale' })
    : createMemoryCache({ maxEntries: 1_000_000 });
  const relay = new OutboxRelay({
    name: 'flashsale-outbox-relay',
    topic: FLASHSALE_EVENTS_TOPIC,
    outbox: stores.outbox,
    publisher: messageQueue,
    logger: options.logger,
    ...options.relay,
  });
  wake.relay = relay;
  return {
    ...stores,
    backend: { store: options.mysql ? 'mysql' : 'memory', gate: options.redis ? 'redis' : 'memory' },
    gate: new CacheSaleGate(cache),
    codes: randomCodes,
    relay,
    messageQueue,
    resources: [...(ownQueue ? [ownQueue] : []), relay],
  };
}

function memoryStores(afterCommit: () => void): Stores {
  const db = new MemoryFlashsaleDatabase();
  return {
    sales: new MemorySaleRepository(db),
    checkouts: new MemoryCheckoutStore(db),
    unitOfWork: new MemoryUnitOfWork(db, afterCommit),
    orders: new MemoryOrderReadModel(db),
    outbox: new MemoryPendingOutbox(db.outbox),
  };
}

function mysqlStores(pool: MysqlPool, afterCommit: () => void): Stores {
  return {
    sales: new MysqlSaleRepository(pool),
    checkouts: new MysqlCheckoutStore(pool),
    unitOfWork: new MysqlUnitOfWork(pool, afterCommit),
    orders: new MysqlOrderReadModel(pool),
    outbox: new MysqlPendingOutbox<OrderEvent>(pool, 'flashsale_outbox'),
    migrate: async () => {
      await migrate(pool, { namespace: 'flashsale', migrations: FLASHSALE_MIGRATIONS });
      await createCheckoutProcedure(pool);
    },
  };
}
