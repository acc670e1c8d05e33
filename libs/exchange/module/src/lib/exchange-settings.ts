import { join } from 'node:path';
import { backendUrlsFromEnv, loadConfig } from '@mosaic/kit-config';
import { z } from 'zod';

/** The exchange's own variables, on top of the server's (PORT, MYSQL_URL, …). */
export const exchangeSettingsShape = {
  /** Where the journal is kept; default `<DATA_DIR>/exchange`. */
  EXCHANGE_DATA_DIR: z.string().min(1).optional(),
  /**
   * "true": signed-in users may deposit to and withdraw from their own balances (demos, tests).
   * Unset: on under NODE_ENV=test (the spec's test mode) and for a demo, i.e. NODE_ENV is not
   * "production" and the exchange runs on the embedded default (neither MYSQL_URL nor
   * KAFKA_BROKERS set); off anywhere else.
   */
  EXCHANGE_TEST_DEPOSITS: z.enum(['true', 'false']).optional(),
  /** When the journal forces appends to disk: every write group ("always") or on a timer ("interval"). */
  EXCHANGE_FSYNC: z.enum(['always', 'interval']).default('always'),
  /** A snapshot (engine and projections, under `<EXCHANGE_DATA_DIR>/snapshots`) after this many commands; 0: by time only. */
  EXCHANGE_SNAPSHOT_EVERY: z.coerce.number().int().min(0).default(100_000),
  /** …or when this many seconds passed since the last, if commands came in; 0: by count only. */
  EXCHANGE_SNAPSHOT_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Where snapshots are kept; default `<EXCHANGE_DATA_DIR>/snapshots`. On Kafka, a path every instance shares, so a new one starts from the leader's latest. */
  EXCHANGE_SNAPSHOT_DIR: z.string().min(1).optional(),
  /** Who writes the MySQL order history: each instance (default), or only the projector process (`start:exchange-projector`); instances then only read it. */
  EXCHANGE_HISTORY_WRITER: z.enum(['instance', 'projector']).default('instance'),
  NODE_ENV: z.string().optional(),
};

export function loadExchangeSettings(env: NodeJS.ProcessEnv, dataDir: string) {
  const config = loadConfig(exchangeSettingsShape, env);
  const exchangeDir = config.EXCHANGE_DATA_DIR ?? join(dataDir, 'exchange');
  return {
    dataDir: exchangeDir,
    snapshotDir: config.EXCHANGE_SNAPSHOT_DIR ?? join(exchangeDir, 'snapshots'),
    historyWriter: config.EXCHANGE_HISTORY_WRITER,
    fsync: config.EXCHANGE_FSYNC,
    snapshotEvery: config.EXCHANGE_SNAPSHOT_EVERY,
    snapshotEveryMs: config.EXCHANGE_SNAPSHOT_SECONDS * 1000,
    selfServiceTransfers: config.EXCHANGE_TEST_DEPOSITS === undefined ? testModeByDefault(env, config.NODE_ENV) : config.EXCHANGE_TEST_DEPOSITS === 'true',
  };
}

/**
 * The spec's test mode (NODE_ENV=test) funds itself; so must a newcomer on `npm start`; no
 * deployment may by accident: a production process or one with a real backend (the same URLs that choose the
 * process's backends) is not a demo.
 */
function testModeByDefault(env: NodeJS.ProcessEnv, nodeEnv: string | undefined): boolean {
  if (nodeEnv === 'test') return true;
  const urls = backendUrlsFromEnv(env);
  return nodeEnv !== 'production' && urls.mysql === undefined && urls.kafkaBrokers === undefined;
}
