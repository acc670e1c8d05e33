import { ACCOUNT_EVENTS_TOPIC } from '@mosaic/account-domain';
import type { NotifyAccountEvent, ReceivedEvent } from '@mosaic/account-usecase';
import type { Resource } from '@mosaic/kit-core';
import type { Logger } from '@mosaic/kit-log';
import { z } from 'zod';

/**
 * The little this consumer needs of a message queue, matching kit-mq's MessageQueue
 * (pass one as it is): deliveries stay a layer away from the queue backends.
 */
export interface EventSubscriber {
  consumer(options: { group: string; topics: readonly string[]; fromBeginning?: boolean }): EventConsumer;
}

export interface EventConsumer {
  run(handler: (message: EventMessage) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface EventMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  json<T = unknown>(): T;
}

const eventShape = z.object({
  id: z.string().min(1).max(64),
  type: z.string().min(1).max(64),
  recipients: z.array(z.string().min(1).max(64)).max(16),
  data: z.record(z.string(), z.unknown()),
});

export interface AccountNotificationsOptions {
  readonly subscriber: EventSubscriber;
  readonly notify: NotifyAccountEvent;
  readonly logger: Logger;
  /** Consumers sharing the group share the work; default "account-notifications". */
  readonly group?: string;
  readonly topic?: string;
}

/**
 * The notification consumer (the seed's "SMS" step): reads the account events relayed
 * to the queue and hands each to NotifyAccountEvent, which skips event ids it already
 * handled. A failing send throws, so the queue delivers the event again; a message that
 * is not an account event is logged and skipped, never allowed to block its partition.
 * Resolves once the consumer joined its group; close the returned resource to stop.
 */
export async function startAccountNotifications(options: AccountNotificationsOptions): Promise<Resource> {
  const consumer = options.subscriber.consumer({
    group: options.group ?? 'account-notifications',
    topics: [options.topic ?? ACCOUNT_EVENTS_TOPIC],
    fromBeginning: true,
  });
  await consumer.run(async (message) => {
    const event = readEvent(message, options.logger);
    if (event) await options.notify.execute(event);
  });
  return { name: 'account-notifications', check: async () => undefined, close: () => consumer.close() };
}

function readEvent(message: EventMessage, logger: Logger): ReceivedEvent | undefined {
  let value: unknown;
  try {
    value = message.json();
  } catch (error) {
    logger.warn({ err: error, topic: message.topic, partition: message.partition, offset: message.offset }, 'skipping a message that is not JSON');
    return undefined;
  }
  const parsed = eventShape.safeParse(value);
  if (!parsed.success) {
    logger.warn(
      { topic: message.topic, partition: message.partition, offset: message.offset, issues: parsed.error.issues },
      'skipping a message that is not an account event',
    );
    return undefined;
  }
  return parsed.data as unknown as ReceivedEvent;
}
