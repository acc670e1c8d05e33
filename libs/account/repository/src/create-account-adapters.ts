import type {
  AccountRepository,
  DomainEvent,
  IdempotencyStore,
  LedgerRepository,
  Notifier,
  PointsRepository,
  ProcessedEvents,
  UnitOfWork,
} from '@mosaic/account-domain';
import type { Resource } from '@mosaic/kit-core';
import { migrate, type MysqlPool } from '@mosaic/kit-db';
import { MemoryMessageQueue, type MessageQueue } from '@mosaic/kit-mq';
import { MemoryPendingOutbox, MysqlPendingOutbox, type PendingOutbox } from '@mosaic/kit-outbox';
import { MemoryAccountDatabase } from './memory/memory-account-database';
import { memoryCommittedScope } from './memory/memory-committed-scope';
import { MemoryLedgerRepository } from './memory/memory-ledger-repository';
import { MemoryProcessedEvents } from './memory/memory-processed-events';
import { MemoryUnitOfWork } from './memory/memory-unit-of-work';
import { ACCOUNT_MIGRATIONS } from './mysql/account-migrations';
import { MysqlAccountRepository } from './mysql/mysql-account-repository';
import { MysqlIdempotencyStore } from './mysql/mysql-idempotency-store';
import { MysqlLedgerRepository } from './mysql/mysql-ledger-repository';
import { MysqlPointsRepository } from './mysql/mysql-points-repository';
import { MysqlProcessedEvents } from './mysql/mysql-processed-events';
import { MysqlUnitOfWork, type MysqlConcurrency, type MysqlUnitOfWorkOptions } from './mysql/mysql-unit-of-work';
import { LogNotifier, type NotificationLogger } from './notify/log-notifier';
import { OutboxRelay, type OutboxRelayOptions, type RelayLogger } from './outbox/outbox-relay';

export interface AccountAdapterOptions {
  /** Use MySQL (the caller owns and closes the pool); absent means the in-memory backend. */
  readonly mysql?: MysqlPool;
  /** Where the outbox relay publishes; absent means an in-process MemoryMessageQueue, closed with these adapters. */
  readonly mq?: MessageQueue;
  /** Defaults to a LogNotifier on `logger` (or a silent one). */
  readonly notifier?: Notifier;
  readonly logger?: RelayLogger & NotificationLogger;
  readonly relay?: Pick<OutboxRelayOptions, 'topic' | 'batchSize' | 'pollIntervalMs' | 'maxBackoffMs'>;
  /** How MySQL units of work handle concurrent writers; see MysqlConcurrency. Default `lock-on-load`. */
  readonly mysqlConcurrency?: MysqlConcurrency;
  /** Told about every unit of work rerun after a MySQL deadlock or lock wait timeout. */
  readonly onDeadlockRetry?: () => void;
}

export interface AccountAdapters {
  readonly backend: 'memory' | 'mysql';
  readonly unitOfWork: UnitOfWork;
  /** Committed-state readers; each write outside a unit of work is its own transaction. */
  readonly accounts: AccountRepository;
  readonly points: PointsRepository;
  readonly ledger: LedgerRepository;
  readonly idempotency: IdempotencyStore;
  readonly processedEvents: ProcessedEvents;
  readonly notifier: Notifier;
  /** The relay's side of the outbox (pending events). */
  readonly outbox: PendingOutbox<DomainEvent>;
  /** Not started: call `relay.start()` once the schema is migrated. */
  readonly relay: OutboxRelay;
  /** The queue events are relayed to: the given one, or the in-process default. */
  readonly messageQueue: MessageQueue;
  /** For /ready and shutdown (the relay, and the default queue when it was created here). */
  readonly resources: Resource[];
  /** Brings the MySQL schema up to date; absent for the in-memory backend. */
  readonly migrate?: () => Promise<void>;
}

const silentLogger: RelayLogger & NotificationLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Builds the account domain's adapters for whatever backends are given: MySQL when a
 * pool is passed, memory otherwise; kit-mq's given queue, or an in-process one.
 */
export function createAccountAdapters(options: AccountAdapterOptions = {}): AccountAdapters {
  const logger = options.logger ?? silentLogger;
  const ownQueue = options.mq ? undefined : new MemoryMessageQueue({ name: 'mq:account-memory' });
  const messageQueue = options.mq ?? (ownQueue as MessageQueue);
  const notifier = options.notifier ?? new LogNotifier(logger);
  // The unit of work wakes the relay after each commit, and the relay needs the unit of work's outbox.
  const wakeRelay: { relay?: OutboxRelay } = {};
  const afterCommit = () => wakeRelay.relay?.wake();
  const stores = options.mysql
    ? mysqlStores(options.mysql, { afterCommit, concurrency: options.mysqlConcurrency, onDeadlockRetry: options.onDeadlockRetry })
    : memoryStores(afterCommit);
  const relay = new OutboxRelay({ outbox: stores.outbox, publisher: messageQueue, logger, ...options.relay });
  wakeRelay.relay = relay;
  return {
    ...stores,
    notifier,
    relay,
    messageQueue,
    resources: [...(ownQueue ? [ownQueue] : []), relay],
  };
}

type Stores = Omit<AccountAdapters, 'notifier' | 'relay' | 'messageQueue' | 'resources'>;

function memoryStores(afterCommit: () => void): Stores {
  const db = new MemoryAccountDatabase();
  const unitOfWork = new MemoryUnitOfWork(db, afterCommit);
  return {
    backend: 'memory',
    unitOfWork,
    ...memoryCommittedScope(db, unitOfWork),
    ledger: new MemoryLedgerRepository(db),
    processedEvents: new MemoryProcessedEvents(),
    outbox: new MemoryPendingOutbox(db.outbox),
  };
}

function mysqlStores(pool: MysqlPool, options: MysqlUnitOfWorkOptions): Stores {
  const unitOfWork = new MysqlUnitOfWork(pool, options);
  // Reads outside a unit of work run on the pool (autocommit); multi-row writes need a transaction.
  const accounts = new MysqlAccountRepository(pool);
  const points = new MysqlPointsRepository(pool);
  const idempotency = new MysqlIdempotencyStore(pool);
  return {
    backend: 'mysql',
    unitOfWork,
    accounts: {
      findById: (id) => accounts.findById(id),
      findByIds: (ids) => accounts.findByIds(ids),
      listByOwner: (owner, limit) => accounts.listByOwner(owner, limit),
      save: (account) => unitOfWork.run((tx) => tx.accounts.save(account)),
      saveAll: (changed) => unitOfWork.run((tx) => tx.accounts.saveAll(changed)),
    },
    points: {
      findById: (id) => points.findById(id),
      listByOwner: (owner, limit) => points.listByOwner(owner, limit),
      save: (aggregate) => unitOfWork.run((tx) => tx.points.save(aggregate)),
    },
    idempotency: {
      find: (userId, key) => idempotency.find(userId, key),
      claim: (record) => unitOfWork.run((tx) => tx.idempotency.claim(record)),
    },
    ledger: new MysqlLedgerRepository(pool),
    processedEvents: new MysqlProcessedEvents(pool),
    outbox: new MysqlPendingOutbox<DomainEvent>(pool, 'account_outbox'),
    migrate: async () => {
      await migrate(pool, { namespace: 'account', migrations: ACCOUNT_MIGRATIONS });
    },
  };
}
