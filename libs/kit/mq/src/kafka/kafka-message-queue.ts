import { invalid, isAppError } from '@mosaic/kit-core';
import { Kafka, Partitioners, type Admin, type Message, type Producer } from 'kafkajs';
import { consumerSettings } from '../lib/consumer-settings';
import { mqClosed, mqUnavailable } from '../lib/errors';
import { consoleMqLogger, describeError, type MqLogger } from '../lib/logger';
import { assertTopicName, encodeMessage, type EncodedMessage, type OutgoingMessage } from '../lib/message';
import type { ConsumerOptions, MessageConsumer, MessageQueue, TopicSpec } from '../lib/ports';
import { assertPartitionCount } from '../lib/topics';
import { KafkaMessageConsumer, type KafkaConsumerTuning } from './kafka-consumer';
import { KAFKAJS_LOG_LEVEL, kafkajsLogCreator } from './kafkajs-logging';
import { SerialSender } from './serial-sender';

export interface KafkaMessageQueueOptions {
  /** `host:port` list, as an array or the comma-separated KAFKA_BROKERS form. */
  readonly brokers: readonly string[] | string;
  readonly clientId?: string;
  /** The resource name servers report in `/ready`. */
  readonly name?: string;
  readonly logger?: MqLogger;
  /** Partitions of a topic this client creates on first use; 3 unless told. */
  readonly defaultPartitions?: number;
  /** How long `produce` may wait for the broker before failing with `unavailable`. */
  readonly produceTimeoutMs?: number;
  /** How long `check()` may take. */
  readonly checkTimeoutMs?: number;
  /** Largest message accepted (key + value + headers); Kafka's default limit is about 1 MB. */
  readonly maxMessageBytes?: number;
  /** Retries of kafkajs's connection and request layer (not of produce, which retries until its timeout). */
  readonly retries?: number;
  readonly consumer?: Partial<KafkaConsumerTuning>;
}

const DEFAULT_TUNING: KafkaConsumerTuning = {
  sessionTimeoutMs: 30_000,
  rebalanceTimeoutMs: 60_000,
  heartbeatIntervalMs: 3_000,
  maxWaitTimeMs: 1_000,
  commitIntervalMs: 1_000,
};

// One produce request carries at most this much, well under the broker's per-batch limit.
const MAX_REQUEST_MESSAGES = 1_000;
const MAX_REQUEST_BYTES = 512 * 1024;
// Record framing beyond key, value and headers; only used to size requests.
const RECORD_OVERHEAD_BYTES = 32;

/** The Kafka backend over kafkajs: an idempotent producer, consumer groups with explicit commits. */
export class KafkaMessageQueue implements MessageQueue {
  readonly name: string;
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly sender: SerialSender;
  private readonly logger: MqLogger;
  private readonly tuning: KafkaConsumerTuning;
  private readonly defaultPartitions: number;
  private readonly produceTimeoutMs: number;
  private readonly checkTimeoutMs: number;
  private readonly maxMessageBytes: number;
  private readonly consumers = new Set<KafkaMessageConsumer>();
  private readonly knownTopics = new Map<string, Promise<void>>();
  private producerReady: Promise<void> | undefined;
  private adminReady: Promise<void> | undefined;
  private closed: Promise<void> | undefined;

  constructor(options: KafkaMessageQueueOptions) {
    const brokers = parseBrokers(options.brokers);
    this.name = options.name ?? 'mq:kafka';
    this.logger = options.logger ?? consoleMqLogger;
    this.defaultPartitions = options.defaultPartitions ?? 3;
    assertPartitionCount(this.defaultPartitions);
    this.produceTimeoutMs = options.produceTimeoutMs ?? 30_000;
    this.checkTimeoutMs = options.checkTimeoutMs ?? 5_000;
    this.maxMessageBytes = options.maxMessageBytes ?? 1_000_000;
    this.tuning = { ...DEFAULT_TUNING, ...options.consumer };
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'mosaic',
      brokers,
      logLevel: KAFKAJS_LOG_LEVEL,
      logCreator: kafkajsLogCreator(this.logger),
      retry: { retries: options.retries ?? 5 },
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // Explicit, which also keeps kafkajs from warning that its default changed in v2.
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      // Unlimited, as idempotence needs (a capped retry could leave a sequence gap);
      // callers are bounded by produceTimeoutMs instead.
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 },
    });
    this.admin = this.kafka.admin();
    this.sender = new SerialSender({
      send: async (topicMessages) => {
        await this.connectProducer();
        await this.producer.sendBatch({ topicMessages, acks: -1 });
      },
      timeoutMs: this.produceTimeoutMs,
      maxBatchMessages: MAX_REQUEST_MESSAGES,
      maxBatchBytes: MAX_REQUEST_BYTES,
    });
  }

  async produce(topic: string, message: OutgoingMessage): Promise<void> {
    await this.produceBatch(topic, [message]);
  }

  async produceBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    assertTopicName(topic);
    if (!Array.isArray(messages)) throw invalid('mq_invalid_batch', `produceBatch(${topic}) needs an array of messages`);
    const encoded = messages.map((message) => this.sized(topic, encodeMessage(topic, message)));
    if (encoded.length === 0) return;
    await this.topicUsable(topic);
    // Chunks are queued back to back and sent in order, so per-key order survives splitting.
    await Promise.all(chunk(encoded).map(({ messages: part, bytes }) => this.sender.enqueue(topic, part, bytes)));
  }

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    this.assertOpen();
    for (const { topic, partitions } of specs) {
      assertTopicName(topic);
      if (partitions !== undefined) assertPartitionCount(partitions);
    }
    await Promise.all(specs.map(({ topic, partitions }) => this.createTopic(topic, partitions ?? this.defaultPartitions)));
  }

  consumer(options: ConsumerOptions): MessageConsumer {
    this.assertOpen();
    const settings = consumerSettings(options, this.logger);
    const consumer = new KafkaMessageConsumer(this.kafka, settings, this.tuning, this.logger, {
      ensureTopics: (topics) => Promise.all(topics.map((topic) => this.topicUsable(topic))).then(() => undefined),
      onClosed: (done) => this.consumers.delete(done),
    });
    this.consumers.add(consumer);
    return consumer;
  }

  /** Reachable broker and no consumer that kafkajs gave up on. */
  async check(): Promise<void> {
    this.assertOpen();
    const crashed = [...this.consumers].find((consumer) => consumer.crashed);
    if (crashed?.crashed) {
      throw mqUnavailable('mq_consumer_crashed', `consumer of group ${crashed.group} stopped: ${crashed.crashed.message}`, crashed.crashed);
    }
    await withTimeout(
      (async () => {
        await this.connectAdmin();
        await this.admin.describeCluster();
      })(),
      this.checkTimeoutMs,
      () => mqUnavailable('mq_unreachable', `Kafka did not answer within ${this.checkTimeoutMs}ms`),
    ).catch((cause: unknown) => {
      throw isAppError(cause) ? cause : mqUnavailable('mq_unreachable', `Kafka is unreachable: ${messageOf(cause)}`, cause);
    });
  }

  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private async shutdown(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.close()));
    const unsent = () => mqUnavailable('mq_produce_timeout', 'pending messages were not sent before close');
    await withTimeout(this.sender.flush(), this.produceTimeoutMs, unsent).catch((error: unknown) =>
      this.logger.warn(describeError(error), 'closing the Kafka producer with messages unsent'),
    );
    await Promise.all([
      disconnect(this.producerReady, () => this.producer.disconnect(), this.logger),
      disconnect(this.adminReady, () => this.admin.disconnect(), this.logger),
    ]);
  }

  /** Creates the topic on first use in this process; a failure here does not fail the caller, the broker will. */
  private topicUsable(topic: string): Promise<void> {
    let known = this.knownTopics.get(topic);
    if (!known) {
      known = this.createTopic(topic, this.defaultPartitions).catch((error: unknown) => {
        this.knownTopics.delete(topic);
        this.logger.warn({ ...describeError(error), topic }, 'could not make sure the topic exists; using it as it is');
      });
      this.knownTopics.set(topic, known);
    }
    return known;
  }

  private async createTopic(topic: string, partitions: number): Promise<void> {
    await this.connectAdmin();
    // One topic per request: kafkajs skips waiting for leaders when any topic of a request already exists.
    await this.admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  }

  private connectProducer(): Promise<void> {
    this.producerReady ??= this.producer.connect().catch((error: unknown) => {
      this.producerReady = undefined;
      throw error;
    });
    return this.producerReady;
  }

  private connectAdmin(): Promise<void> {
    this.adminReady ??= this.admin.connect().catch((error: unknown) => {
      this.adminReady = undefined;
      throw error;
    });
    return this.adminReady;
  }

  private sized(topic: string, message: EncodedMessage): SizedMessage {
    let bytes = RECORD_OVERHEAD_BYTES + message.value.length + (message.key === null ? 0 : Buffer.byteLength(message.key));
    for (const [name, value] of Object.entries(message.headers)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    if (bytes > this.maxMessageBytes) {
      throw invalid('mq_message_too_large', `a message for ${topic} has ${bytes} bytes; the limit is ${this.maxMessageBytes}`);
    }
    return { message: { key: message.key, value: message.value, headers: { ...message.headers } }, bytes };
  }

  private assertOpen(): void {
    if (this.closed) throw mqClosed(`message queue ${this.name}`);
  }
}

interface SizedMessage {
  readonly message: Message;
  readonly bytes: number;
}

function chunk(messages: readonly SizedMessage[]): Array<{ messages: Message[]; bytes: number }> {
  const chunks: Array<{ messages: Message[]; bytes: number }> = [];
  let current: { messages: Message[]; bytes: number } = { messages: [], bytes: 0 };
  for (const { message, bytes } of messages) {
    if (current.messages.length > 0 && (current.messages.length >= MAX_REQUEST_MESSAGES || current.bytes + bytes > MAX_REQUEST_BYTES)) {
      chunks.push(current);
      current = { messages: [], bytes: 0 };
    }
    current.messages.push(message);
    current.bytes += bytes;
  }
  if (current.messages.length > 0) chunks.push(current);
  return chunks;
}

export function parseBrokers(brokers: readonly string[] | string): string[] {
  const list = (typeof brokers === 'string' ? brokers.split(',') : [...brokers]).map((broker) => broker.trim()).filter(Boolean);
  if (list.length === 0) throw invalid('mq_invalid_brokers', 'Kafka needs at least one broker (KAFKA_BROKERS=host:port[,host:port…])');
  for (const broker of list) {
    if (!/^[^\s:/]+:\d{1,5}$/.test(broker)) throw invalid('mq_invalid_brokers', `Kafka broker "${broker}" is not host:port`);
  }
  return list;
}

async function disconnect(connected: Promise<void> | undefined, close: () => Promise<void>, logger: MqLogger): Promise<void> {
  if (!connected) return;
  try {
    await connected;
  } catch {
    return; // never connected, nothing to close
  }
  await close().catch((error: unknown) => logger.warn(describeError(error), 'kafka client did not disconnect cleanly'));
}

function withTimeout<T>(work: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
