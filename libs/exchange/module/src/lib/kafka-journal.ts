import { KafkaCommandJournal, RedisLeaderLease } from '@mosaic/exchange-repository';
import type { ExchangePipeline } from '@mosaic/exchange-usecase';
import type { AppContext } from '@mosaic/kit-app';
import { ConfigError, loadConfig } from '@mosaic/kit-config';
import type { Resource } from '@mosaic/kit-core';
import { parseBrokers } from '@mosaic/kit-mq';
import { z } from 'zod';

/** The distributed mode's own variables (on top of KAFKA_BROKERS and REDIS_URL). */
export const kafkaJournalSettingsShape = {
  /** The journal topic: one per engine, one partition. Every instance of one exchange names the same topic. */
  EXCHANGE_KAFKA_TOPIC: z.string().min(1).default('exchange.journal'),
  /** How long a dead leader keeps the lease: the bound on takeover after a crash. */
  EXCHANGE_LEASE_TTL_MS: z.coerce.number().int().min(200).default(2_000),
};

/**
 * The exchange on Kafka: this instance follows the journal topic as a hot standby
 * and campaigns for the Redis leader lease; on winning it takes the journal's writer
 * role (fencing the previous leader through the transactional producer's epoch)
 * and starts sequencing. Losing the lease, or being fenced, stops it answering
 * commands for good: restart it to rejoin as a standby.
 */
export async function openKafkaJournal(context: AppContext) {
  const config = loadConfig(kafkaJournalSettingsShape, context.env);
  const redis = context.backends.redis;
  if (redis === undefined)
    throw new ConfigError([{ variable: 'REDIS_URL', message: 'the exchange on Kafka (KAFKA_BROKERS) needs Redis for its leader lease' }]);
  const logger = context.logger.child({ domain: 'exchange', journal: 'kafka' });
  const journal = await KafkaCommandJournal.follow({
    brokers: parseBrokers(context.env.KAFKA_BROKERS ?? ''),
    topic: config.EXCHANGE_KAFKA_TOPIC,
    clientId: 'exchange',
  });
  const lease = new RedisLeaderLease(redis, { key: `exchange:${config.EXCHANGE_KAFKA_TOPIC}:leader`, ttlMs: config.EXCHANGE_LEASE_TTL_MS });
  const leaseResource: Resource = { name: 'exchange-leader-lease', check: async () => undefined, close: () => lease.close() };

  /** Starts campaigning once the pipeline is open as a standby. */
  const campaign = (pipeline: ExchangePipeline): void => {
    lease.onLost((reason) => {
      logger.error({ reason }, 'exchange leader lease lost: no longer sequencing');
      pipeline.abdicate(reason);
    });
    lease
      .acquire()
      .then(async (token) => {
        const started = Date.now();
        logger.info({ token, lastSeq: journal.lastSeq }, 'exchange leader lease acquired: taking over the journal');
        await pipeline.promote();
        logger.info({ token, lastSeq: journal.lastSeq, takeoverMs: Date.now() - started }, 'exchange leader: sequencing');
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'exchange failed to take over as leader');
        pipeline.abdicate(String(error));
      });
  };
  return { journal, campaign, resources: [leaseResource, journal] as Resource[] };
}
