import type { Message, TopicMessages } from 'kafkajs';
import { mqUnavailable } from '../lib/errors';

export interface SerialSenderOptions {
  /** Sends one request's worth of messages; rejects when the broker did not take them. */
  readonly send: (batch: TopicMessages[]) => Promise<void>;
  /** A caller waiting longer than this gets an `unavailable` error. */
  readonly timeoutMs: number;
  readonly maxBatchMessages: number;
  readonly maxBatchBytes: number;
}

interface Pending {
  readonly topic: string;
  readonly messages: Message[];
  readonly bytes: number;
  settle(error?: unknown): void;
  readonly settled: () => boolean;
}

/**
 * Keeps one produce request in flight at a time and folds whatever callers queued
 * meanwhile into the next one. kafkajs's idempotent producer tracks sequence numbers
 * per partition and loses or rejects messages when requests for a partition overlap
 * (tulios/kafkajs#598, #1005); one request at a time avoids that, and batching the
 * queue keeps throughput up under concurrency. Requests leave in call order, so
 * messages of one key keep the order their `produce` calls were made in.
 */
export class SerialSender {
  private queue: Pending[] = [];
  private draining: Promise<void> | undefined;

  constructor(private readonly options: SerialSenderOptions) {}

  enqueue(topic: string, messages: Message[], bytes: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let done = false;
      const timer = setTimeout(() => {
        // Not sent yet: drop it, so a caller told "failed" is not published later.
        // Already in flight: the broker may still take it; at-least-once allows that.
        this.queue = this.queue.filter((item) => item !== pending);
        pending.settle(mqUnavailable('mq_produce_timeout', `producing to ${topic} took longer than ${this.options.timeoutMs}ms`));
      }, this.options.timeoutMs);
      const pending: Pending = {
        topic,
        messages,
        bytes,
        settled: () => done,
        settle: (error?: unknown) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          if (error === undefined) resolve();
          else reject(error);
        },
      };
      this.queue.push(pending);
      this.draining ??= this.drain();
    });
  }

  /** Resolves once everything queued so far has been sent or has failed. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        if (batch.length === 0) continue;
        try {
          await this.options.send(groupByTopic(batch));
          for (const item of batch) item.settle();
        } catch (cause) {
          const error = mqUnavailable('mq_produce_failed', `producing to ${describeTopics(batch)} failed: ${messageOf(cause)}`, cause);
          for (const item of batch) item.settle(error);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = [];
    let messages = 0;
    let bytes = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (next.settled()) {
        this.queue.shift();
        continue;
      }
      const fits = messages + next.messages.length <= this.options.maxBatchMessages && bytes + next.bytes <= this.options.maxBatchBytes;
      // An oversized request still goes, alone: its size was checked against the broker's limit already.
      if (batch.length > 0 && !fits) break;
      this.queue.shift();
      batch.push(next);
      messages += next.messages.length;
      bytes += next.bytes;
    }
    return batch;
  }
}

function groupByTopic(batch: readonly Pending[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const item of batch) {
    const messages = byTopic.get(item.topic);
    if (messages) messages.push(...item.messages);
    else byTopic.set(item.topic, [...item.messages]);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function describeTopics(batch: readonly Pending[]): string {
  return [...new Set(batch.map((item) => item.topic))].join(', ');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
