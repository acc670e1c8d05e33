import { invalid } from '@mosaic/kit-core';
import { describeError, type MqLogger } from './logger';
import { assertTopicName, type ReceivedMessage } from './message';
import type { CommitMode, ConsumerOptions } from './ports';

/** ConsumerOptions with every default filled in, validated once for both backends. */
export interface ConsumerSettings {
  readonly group: string;
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  readonly commit: CommitMode;
  readonly concurrency: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly onError: (error: unknown, message: ReceivedMessage, attempt: number) => void;
}

export function consumerSettings(options: ConsumerOptions, logger: MqLogger): ConsumerSettings {
  if (typeof options?.group !== 'string' || options.group.trim() === '') {
    throw invalid('mq_invalid_group', 'a consumer needs a non-empty group name');
  }
  if (!Array.isArray(options.topics) || options.topics.length === 0) {
    throw invalid('mq_invalid_topics', `consumer group ${options.group} needs at least one topic`);
  }
  options.topics.forEach((topic) => assertTopicName(topic));
  const commit = options.commit ?? 'after-handler';
  if (commit !== 'after-handler' && commit !== 'manual') {
    throw invalid('mq_invalid_commit_mode', `commit must be "after-handler" or "manual", got ${JSON.stringify(commit)}`);
  }
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw invalid('mq_invalid_concurrency', `concurrency must be a positive integer, got ${concurrency}`);
  }
  const initialDelayMs = options.retry?.initialDelayMs ?? 200;
  const maxDelayMs = options.retry?.maxDelayMs ?? 10_000;
  if (!(initialDelayMs >= 0) || !(maxDelayMs >= initialDelayMs)) {
    throw invalid('mq_invalid_retry', 'retry delays must satisfy 0 <= initialDelayMs <= maxDelayMs');
  }
  const group = options.group;
  const onError =
    options.onError ??
    ((error: unknown, message: ReceivedMessage, attempt: number) =>
      logger.error(
        { ...describeError(error), group, topic: message.topic, partition: message.partition, offset: message.offset, attempt },
        'message handler failed; the message will be delivered again',
      ));
  return {
    group,
    topics: [...new Set(options.topics)],
    fromBeginning: options.fromBeginning ?? true,
    commit,
    concurrency,
    initialDelayMs,
    maxDelayMs,
    onError,
  };
}
