import { join } from 'node:path';
import type { Server } from 'node:http';
import type { OrderHistoryStore, UserAccounts } from '@mosaic/exchange-domain';
import { attachMarketFeed, exchangePage, exchangeRouter, fastPlaceOrderRoute } from '@mosaic/exchange-delivery';
import { FileCommandJournal, FileSnapshotStore, MemoryOrderHistory, migrateExchangeSchema, MysqlOrderHistory } from '@mosaic/exchange-repository';
import { createExchangeUseCases, ExchangePipeline } from '@mosaic/exchange-usecase';
import type { AppContext } from '@mosaic/kit-app';
import type { Resource } from '@mosaic/kit-core';
import { mountFastRoutes } from '@mosaic/kit-http';
import type { WsServer } from '@mosaic/kit-ws';
import { loadExchangeSettings } from './exchange-settings';
import { openKafkaJournal } from './kafka-journal';

export interface ExchangeModuleOptions {
  /** The platform's user base (auth's use cases, as they are). */
  users: UserAccounts;
  /** Where the trading page is served: `/` in the exchange app, `/exchange/` on the platform. */
  pagePath?: string;
  /** `kafka`: the journal on KAFKA_BROKERS, shared by every instance, one of which leads (see `openKafkaJournal`). Default `file`. */
  journal?: 'file' | 'kafka';
}

export type ExchangeModule = Awaited<ReturnType<typeof createExchangeModule>>;

/**
 * The exchange on the process's backends: the journal in files under
 * EXCHANGE_DATA_DIR (default `<DATA_DIR>/exchange`; one writer) or on Kafka; snapshots under
 * EXCHANGE_SNAPSHOT_DIR (shared by the instances on Kafka; only the leader saves them); order
 * history in MySQL when configured (migrated here, caught up from the journal at start, unless
 * EXCHANGE_HISTORY_WRITER=projector leaves the writing to the projector), else in memory rebuilt
 * from the journal. Mount `router` at `/api`, call `attach` with the listening server for
 * `/ws`, and close `resources` on shutdown (the pipeline drains, then the journal closes).
 */
export async function createExchangeModule(context: AppContext, options: ExchangeModuleOptions) {
  const settings = loadExchangeSettings(context.env, context.config.DATA_DIR);
  const logger = context.logger.child({ domain: 'exchange' });
  if (settings.selfServiceTransfers) {
    logger.warn('test deposits on: any signed-in user can fund their own exchange balances; set EXCHANGE_TEST_DEPOSITS=false to allow only admins');
  }
  const distributed = options.journal === 'kafka' ? await openKafkaJournal(context) : undefined;
  const journal =
    distributed?.journal ??
    (await FileCommandJournal.open({
      dir: join(settings.dataDir, 'journal'),
      fsync: settings.fsync === 'always' ? { mode: 'always' } : { mode: 'interval', intervalMs: 20 },
    }));
  const mysql = context.backends.mysql;
  if (mysql !== undefined) await migrateExchangeSchema(mysql);
  const history: OrderHistoryStore = mysql === undefined ? new MemoryOrderHistory() : new MysqlOrderHistory(mysql);
  // The projector writes MySQL history from the journal when configured so; a memory history is this process's own.
  const writeHistory = mysql === undefined || settings.historyWriter === 'instance';
  let pipeline: ExchangePipeline;
  try {
    pipeline = await ExchangePipeline.open({
      journal,
      history,
      snapshots: new FileSnapshotStore({
        dir: settings.snapshotDir,
        onCorrupt: (path, error) => logger.warn({ err: error, path }, 'exchange snapshot unreadable; trying an older one'),
      }),
      snapshotEvery: settings.snapshotEvery,
      snapshotEveryMs: settings.snapshotEveryMs,
      standby: distributed !== undefined,
      writeHistory,
      onError: (error) => logger.error({ err: error }, 'exchange background failure'),
    });
  } catch (error) {
    for (const resource of distributed?.resources ?? [journal]) await resource.close();
    throw error;
  }
  distributed?.campaign(pipeline);
  const useCases = createExchangeUseCases(pipeline, { selfServiceTransfers: settings.selfServiceTransfers });
  logger.info(
    {
      lastSeq: pipeline.queries.lastSeq,
      journal: distributed === undefined ? 'file' : 'kafka',
      ...pipeline.recovery,
      history: mysql === undefined ? 'memory' : 'mysql',
      historyWriter: writeHistory ? 'instance' : 'projector',
      testDeposits: settings.selfServiceTransfers,
    },
    'exchange ready',
  );
  const resources: Resource[] = [...(distributed?.resources ?? [journal]), pipeline];
  return {
    useCases,
    /** The trading page and its assets; mount with `app.use(page)`. */
    page: exchangePage({ path: options.pagePath ?? '/', testDeposits: settings.selfServiceTransfers }),
    /** Mount at `/api`. */
    router: exchangeRouter({ useCases, users: options.users }),
    /** For `buildHttpApp`'s `fastRoutes` beside `router` at `/api`: order placement ahead of express. */
    fastRoutes: mountFastRoutes('/api', [fastPlaceOrderRoute({ useCases, users: options.users })]),
    /** The `/ws` feed on the listening server; add the returned resource to the app's lifecycle. */
    attach: (server: Server): WsServer => attachMarketFeed({ server, useCases, users: options.users }),
    resources,
  };
}
