import { invalid, systemClock, type Clock } from '@mosaic/kit-core';
import { consumerSettings } from '../lib/consumer-settings';
import { mqClosed } from '../lib/errors';
import { consoleMqLogger, type MqLogger } from '../lib/logger';
import { assertTopicName, encodeMessage, type OutgoingMessage } from '../lib/message';
import type { ConsumerOptions, MessageConsumer, MessageQueue, TopicSpec } from '../lib/ports';
import { assertPartitionCount } from '../lib/topics';
import { MemoryConsumer } from './memory-consumer';
import { MemoryGroup } from './memory-group';
import { MemoryTopic } from './partition-log';

export interface MemoryMessageQueueOptions {
  /** Partitions of a topic created on first use; 3, like the local Kafka broker. */
  readonly defaultPartitions?: number;
  readonly clock?: Clock;
  readonly logger?: MqLogger;
  readonly name?: string;
}

/**
 * The in-process backend: Kafka's semantics (partitions by key, groups with committed
 * positions, redelivery of what was not committed) without durability, for tests and
 * single-process deployments. Messages live as long as the queue object.
 */
export class MemoryMessageQueue implements MessageQueue {
  readonly name: string;
  private readonly topics = new Map<string, MemoryTopic>();
  private readonly groups = new Map<string, MemoryGroup>();
  private readonly consumers = new Set<MemoryConsumer>();
  private readonly defaultPartitions: number;
  private readonly clock: Clock;
  private readonly logger: MqLogger;
  private closed: Promise<void> | undefined;

  constructor(options: MemoryMessageQueueOptions = {}) {
    this.name = options.name ?? 'mq:memory';
    this.defaultPartitions = options.defaultPartitions ?? 3;
    assertPartitionCount(this.defaultPartitions);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? consoleMqLogger;
  }

  async produce(topic: string, message: OutgoingMessage): Promise<void> {
    await this.produceBatch(topic, [message]);
  }

  async produceBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    assertTopicName(topic);
    if (!Array.isArray(messages)) throw invalid('mq_invalid_batch', `produceBatch(${topic}) needs an array of messages`);
    // Encode everything first: a batch with one bad message appends nothing.
    const encoded = messages.map((message) => encodeMessage(topic, message));
    const target = this.topicNamed(topic);
    const timestamp = this.clock.nowMs();
    for (const message of encoded) {
      target.partitions[target.partitionFor(message.key)].append({ ...message, timestamp });
    }
  }

  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    this.assertOpen();
    for (const { topic, partitions } of specs) {
      assertTopicName(topic);
      if (partitions !== undefined) assertPartitionCount(partitions);
    }
    for (const { topic, partitions } of specs) this.topicNamed(topic, partitions);
  }

  consumer(options: ConsumerOptions): MessageConsumer {
    this.assertOpen();
    const settings = consumerSettings(options, this.logger);
    let group = this.groups.get(settings.group);
    if (!group) {
      group = new MemoryGroup(settings.group, (name) => this.topicNamed(name));
      this.groups.set(settings.group, group);
    }
    const consumer = new MemoryConsumer(
      settings,
      group,
      (name) => this.topicNamed(name),
      (done) => this.consumers.delete(done),
    );
    this.consumers.add(consumer);
    return consumer;
  }

  async check(): Promise<void> {
    this.assertOpen();
  }

  close(): Promise<void> {
    this.closed ??= Promise.all([...this.consumers].map((consumer) => consumer.close())).then(() => undefined);
    return this.closed;
  }

  private topicNamed(name: string, partitions = this.defaultPartitions): MemoryTopic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = new MemoryTopic(name, partitions);
      this.topics.set(name, topic);
    }
    return topic;
  }

  private assertOpen(): void {
    if (this.closed) throw mqClosed(`message queue ${this.name}`);
  }
}
