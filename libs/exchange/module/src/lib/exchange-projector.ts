import type { Server } from 'node:http';
import { attachMarketFeed, marketDataRouter } from '@mosaic/exchange-delivery';
import { KafkaCommandJournal, migrateExchangeSchema, MysqlOrderHistory } from '@mosaic/exchange-repository';
import { ExchangePipeline, ExchangeReads } from '@mosaic/exchange-usecase';
import type { AppContext } from '@mosaic/kit-app';
import { ConfigError, loadConfig } from '@mosaic/kit-config';
import type { Resource } from '@mosaic/kit-core';
import { parseBrokers } from '@mosaic/kit-mq';
import type { WsServer } from '@mosaic/kit-ws';
import { kafkaJournalSettingsShape } from './kafka-journal';

/**
 * The exchange's projections in their own process: it follows the Kafka journal
 * like a standby that never campaigns, applies it to its own engine and feeds the
 * results to the projection writers — order, fill and transfer history into MySQL
 * (idempotent by sequence: the store skips what its watermark already covers),
 * candles, ticker and L2 in memory, served read-only with the instances' contract
 * (`router` at `/api`: products, trades, candles, book; `attach` for the public `/ws`
 * channels). Stopped and restarted, it replays the journal and writes only what
 * MySQL does not hold yet. It reads no snapshot: one taken
 * past the store's watermark would skip history the store never received.
 */
export async function createExchangeProjector(context: AppContext) {
  const brokers = context.env.KAFKA_BROKERS;
  const mysql = context.backends.mysql;
  if (!brokers) throw new ConfigError([{ variable: 'KAFKA_BROKERS', message: 'the exchange projector follows the Kafka journal' }]);
  if (mysql === undefined) throw new ConfigError([{ variable: 'MYSQL_URL', message: 'the exchange projector writes the order history to MySQL' }]);
  const config = loadConfig(kafkaJournalSettingsShape, context.env);
  const logger = context.logger.child({ domain: 'exchange', role: 'projector' });
  await migrateExchangeSchema(mysql);
  const history = new MysqlOrderHistory(mysql);
  const journal = await KafkaCommandJournal.follow({ brokers: parseBrokers(brokers), topic: config.EXCHANGE_KAFKA_TOPIC, clientId: 'exchange-projector' });
  let pipeline: ExchangePipeline;
  try {
    pipeline = await ExchangePipeline.open({
      journal,
      history,
      standby: true,
      haltHistoryOnFailure: true,
      onError: (error) => logger.error({ err: error }, 'exchange projector background failure'),
    });
  } catch (error) {
    await journal.close();
    throw error;
  }
  logger.info({ lastSeq: pipeline.queries.lastSeq, historySeq: await history.lastSeq(), ...pipeline.recovery }, 'exchange projector ready');
  const useCases = { pipeline, reads: new ExchangeReads(pipeline) };
  return {
    pipeline,
    /** The public market-data routes; mount at `/api` (every other path there is a 404). */
    router: marketDataRouter(useCases),
    /** The public channels (`ticker`, `level2`, `match`, `candles_*`) on `/ws`; private ones answer an error frame. */
    attach: (server: Server): WsServer => attachMarketFeed({ server, useCases }),
    /** How far the projector got: the journal record last applied and the history store's watermark. */
    status: async () => ({ lastSeq: pipeline.queries.lastSeq, historySeq: await (await pipeline.readHistory()).lastSeq() }),
    resources: [journal, pipeline, historyWriting(pipeline)] as Resource[],
  };
}

/** Not ready once MySQL refused a batch: the projector has stopped writing, and a restart resumes from the store's watermark. */
function historyWriting(pipeline: ExchangePipeline): Resource {
  return {
    name: 'exchange-history-writer',
    check: async () => {
      await pipeline.readHistory();
    },
    close: async () => undefined,
  };
}
