import { invalid } from '@mosaic/kit-core';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { ConsumerSettings } from '../lib/consumer-settings';
import { deliver, sleep } from '../lib/delivery';
import { mqClosed, mqUnavailable } from '../lib/errors';
import { describeError, type MqLogger } from '../lib/logger';
import { receivedMessage, type ReceivedMessage } from '../lib/message';
import type { MessageConsumer, MessageHandler } from '../lib/ports';

/** Group-protocol timings; tests shorten them so joins and rebalances take a second, not ten. */
export interface KafkaConsumerTuning {
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  /** How long a fetch waits for data; it bounds how quickly close and rebalances are noticed. */
  readonly maxWaitTimeMs: number;
  /** Processed offsets are committed at least this often within a long batch, and at its end. */
  readonly commitIntervalMs: number;
}

export interface KafkaConsumerHooks {
  ensureTopics(topics: readonly string[]): Promise<void>;
  onClosed(consumer: KafkaMessageConsumer): void;
}

type State = 'idle' | 'running' | 'closing' | 'closed';

/**
 * A kafkajs consumer with autoCommit off: an offset is committed only once the
 * handler of its message returned (or, in manual mode, called commit), by this member
 * in its current generation. Whatever is not committed when a partition moves or the
 * consumer stops is delivered again to the next owner.
 */
export class KafkaMessageConsumer implements MessageConsumer {
  private state: State = 'idle';
  private consumer: Consumer | undefined;
  private starting: Promise<void> | undefined;
  private closed: Promise<void> | undefined;
  private readonly closing = new AbortController();
  private failure: Error | undefined;
  /** Highest offset this consumer committed per partition, so a late manual commit never moves one back. */
  private readonly committed = new Map<string, bigint>();

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: ConsumerSettings,
    private readonly tuning: KafkaConsumerTuning,
    private readonly logger: MqLogger,
    private readonly hooks: KafkaConsumerHooks,
  ) {}

  /** Set when kafkajs gave up on this consumer for good (it restarts on retriable errors itself). */
  get crashed(): Error | undefined {
    return this.failure;
  }

  get group(): string {
    return this.settings.group;
  }

  async run(handler: MessageHandler): Promise<void> {
    if (typeof handler !== 'function') throw invalid('mq_invalid_handler', 'run() needs a handler function');
    if (this.state === 'closing' || this.state === 'closed') throw mqClosed(`consumer of group ${this.group}`);
    if (this.state !== 'idle') throw invalid('mq_consumer_running', `consumer of group ${this.group} is already running`);
    this.state = 'running';

    const consumer = this.kafka.consumer({
      groupId: this.group,
      sessionTimeout: this.tuning.sessionTimeoutMs,
      rebalanceTimeout: this.tuning.rebalanceTimeoutMs,
      heartbeatInterval: this.tuning.heartbeatIntervalMs,
      maxWaitTimeInMs: this.tuning.maxWaitTimeMs,
      // Topics are created explicitly, with the partition count we chose.
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    const joined = this.joinedGroup(consumer);
    // Observed here so a crash while `starting` fails is not also an unhandled rejection.
    joined.catch(() => undefined);
    this.starting = (async () => {
      await this.hooks.ensureTopics(this.settings.topics);
      if (this.closing.signal.aborted) return;
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.settings.topics], fromBeginning: this.settings.fromBeginning });
      if (this.closing.signal.aborted) return;
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.settings.concurrency,
        eachBatch: (payload) => this.consumeBatch(payload, handler),
      });
    })();
    try {
      await this.starting;
    } catch (cause) {
      await this.close();
      throw mqUnavailable('mq_consumer_start_failed', `consumer of group ${this.group} could not start: ${messageOf(cause)}`, cause);
    }
    await joined;
  }

  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    this.state = 'closing';
    this.closing.abort();
    // kafkajs ignores a stop that arrives while its group join is still running and
    // would start consuming afterwards, so let the start finish before stopping.
    await this.starting?.catch(() => undefined);
    try {
      // Stops fetching, waits for the batch in progress (whose loop sees the stop,
      // finishes the current handler and commits), then leaves the group.
      await this.consumer?.disconnect();
    } catch (error) {
      this.logger.warn({ ...describeError(error), group: this.group }, 'kafka consumer did not disconnect cleanly');
    }
    this.state = 'closed';
    this.hooks.onClosed(this);
  }

  /** Resolves on the first group join or on close, rejects when kafkajs gives up on the consumer for good. */
  private joinedGroup(consumer: Consumer): Promise<void> {
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) {
        this.logger.warn({ ...describeError(payload.error), group: this.group }, 'kafka consumer crashed; kafkajs restarts it');
        return;
      }
      this.failure = payload.error;
      this.logger.error({ ...describeError(payload.error), group: this.group }, 'kafka consumer crashed and will not restart');
    });
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        removeJoin();
        removeCrash();
        this.closing.signal.removeEventListener('abort', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onClose = () => settle();
      const removeJoin = consumer.on(consumer.events.GROUP_JOIN, () => settle());
      const removeCrash = consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) settle(mqUnavailable('mq_consumer_crashed', `consumer of group ${this.group} stopped: ${payload.error.message}`, payload.error));
      });
      this.closing.signal.addEventListener('abort', onClose, { once: true });
    });
  }

  private async consumeBatch(payload: EachBatchPayload, handler: MessageHandler): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    const stopped = () => this.closing.signal.aborted || !isRunning() || isStale();
    // With explicit offsets this commits them now, whatever its name suggests; it goes
    // through the batch's group session, which (unlike consumer.commitOffsets) still
    // works while the consumer is stopping.
    const commit = async (nextOffset: string) => {
      const key = `${topic}\u0000${partition}`;
      const next = BigInt(nextOffset);
      if (next <= (this.committed.get(key) ?? -1n)) return;
      await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: nextOffset }] }] });
      if (next > (this.committed.get(key) ?? -1n)) this.committed.set(key, next);
    };
    let processed: string | undefined;
    let lastCommitAt = Date.now();
    const flush = async () => {
      const nextOffset = processed;
      if (nextOffset === undefined) return;
      await commit(nextOffset);
      if (processed === nextOffset) processed = undefined;
      lastCommitAt = Date.now();
    };

    try {
      for (const raw of batch.messages) {
        if (stopped()) break;
        const nextOffset = (BigInt(raw.offset) + 1n).toString();
        const handled = await deliver(handler, toReceived(topic, partition, raw), this.settings, {
          stopped,
          pause: (ms) => this.pause(ms, heartbeat, stopped),
          commit: () =>
            commit(nextOffset).catch((cause: unknown) => {
              // Typed for the handler; the internal flushes above keep kafkajs's own errors,
              // which its runner needs to recognise a rebalance.
              throw mqUnavailable('mq_commit_failed', `could not commit ${topic}/${partition}@${raw.offset}: ${messageOf(cause)}`, cause);
            }),
          onFirstFailure: flush,
        });
        if (!handled) break;
        resolveOffset(raw.offset);
        if (this.settings.commit === 'after-handler') processed = nextOffset;
        if (Date.now() - lastCommitAt >= this.tuning.commitIntervalMs) await flush();
        // Rate-limited by kafkajs; throws when the group is rebalancing, which ends the batch.
        await heartbeat();
      }
    } catch (error) {
      // Typically a rebalance: commit what was processed while this member still may.
      await flush().catch((commitError) =>
        this.logger.warn(
          { ...describeError(commitError), group: this.group, topic, partition },
          'could not commit processed offsets; they will be delivered again',
        ),
      );
      throw error;
    }
    await flush();
  }

  /** Waits between attempts without falling out of the group: heartbeats as it goes. */
  private async pause(ms: number, heartbeat: () => Promise<void>, stopped: () => boolean): Promise<void> {
    const until = Date.now() + ms;
    while (!stopped()) {
      const left = until - Date.now();
      if (left <= 0) return;
      await sleep(Math.min(left, this.tuning.heartbeatIntervalMs), this.closing.signal);
      await heartbeat();
    }
  }
}

function toReceived(topic: string, partition: number, raw: KafkaMessage): ReceivedMessage {
  return receivedMessage({
    topic,
    partition,
    offset: raw.offset,
    key: raw.key ? raw.key.toString('utf8') : null,
    value: raw.value ?? Buffer.alloc(0),
    headers: headersOf(raw.headers),
    timestamp: Number(raw.timestamp),
  });
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    // A repeated header arrives as an array; the last one wins, as in Kafka's lastHeader().
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) result[name] = last.toString();
  }
  return result;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
