import type { Resource } from '@mosaic/kit-core';
import type { OutgoingMessage, ReceivedMessage } from './message';

/** What a use case needs to emit events: nothing about partitions, brokers or groups. */
export interface MessagePublisher {
  /** Resolves once the message is durably accepted; rejects with an `unavailable` AppError otherwise. */
  produce(topic: string, message: OutgoingMessage): Promise<void>;
  /** Like `produce` for several messages to one topic, sent together and kept in this order per key. */
  produceBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
}

export interface MessageContext {
  /** 1 on first delivery to this consumer, then 2, 3… while the handler keeps failing. */
  readonly attempt: number;
  /**
   * Commits this message and every earlier one of its partition for the group, and
   * resolves once the commit is stored. Needed only with `commit: 'manual'`.
   */
  commit(): Promise<void>;
}

/**
 * Handles one message. Returning means "processed": with the default commit mode the
 * message is then committed. Throwing means "try again": the same message is delivered
 * again after a backoff, and the partition waits, so per-key order holds. A message is
 * never skipped by the queue; to give up on one, handle it (say, publish it to a
 * dead-letter topic) and return.
 */
export type MessageHandler = (message: ReceivedMessage, context: MessageContext) => Promise<void> | void;

export type CommitMode = 'after-handler' | 'manual';

export interface RetryPolicy {
  /** Delay before the second attempt; it doubles up to `maxDelayMs`. */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface ConsumerOptions {
  /** Consumers sharing a group share the work; every group sees every message. */
  readonly group: string;
  readonly topics: readonly string[];
  /**
   * Where a group with no committed position starts: the oldest message (default,
   * so a new group misses nothing produced before it first joined) or the newest.
   */
  readonly fromBeginning?: boolean;
  /**
   * `after-handler` (default): a message is committed once its handler returns.
   * `manual`: only `context.commit()` commits; whatever it does not cover is delivered
   * again to the next consumer of the partition.
   */
  readonly commit?: CommitMode;
  /** How many partitions this consumer works on at once; order within a partition always holds. */
  readonly concurrency?: number;
  readonly retry?: RetryPolicy;
  /** Told about every failed attempt; the default logs it. */
  readonly onError?: (error: unknown, message: ReceivedMessage, attempt: number) => void;
}

export interface MessageConsumer {
  /**
   * Starts consuming with `handler` and resolves once this consumer has joined its group.
   * A consumer runs once; make another to start again.
   */
  run(handler: MessageHandler): Promise<void>;
  /**
   * Stops taking messages, lets in-flight handlers finish, commits what they
   * processed and leaves the group. Safe to call more than once.
   */
  close(): Promise<void>;
}

export interface TopicSpec {
  readonly topic: string;
  /** Partitions bound how many consumers of a group can work in parallel; defaults per backend. */
  readonly partitions?: number;
}

/**
 * A backend: publisher, consumer factory and a resource for `/ready` and shutdown.
 * `close()` closes every consumer it made (gracefully) before its own connections.
 */
export interface MessageQueue extends MessagePublisher, Resource {
  /** Creates missing topics; existing ones are left as they are. Publishing and consuming create them too. */
  ensureTopics(topics: readonly TopicSpec[]): Promise<void>;
  consumer(options: ConsumerOptions): MessageConsumer;
}
