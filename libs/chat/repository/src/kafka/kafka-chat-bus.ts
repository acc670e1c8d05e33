import type { ChatBus, ChatBusEvent, ChatBusSubscription } from '@mosaic/chat-domain';
import type { Logger } from '@mosaic/kit-log';
import type { MessageQueue } from '@mosaic/kit-mq';
import { decodeBusEvent, encodeBusEvent } from '../shared/bus-codec';

/**
 * Fan-out through a kit-mq topic (Kafka): events keyed by conversation, so one
 * conversation stays in one partition and in order; each instance reads the topic in
 * a consumer group of its own, so every instance sees every event.
 */
export class KafkaChatBus implements ChatBus {
  constructor(
    private readonly mq: MessageQueue,
    private readonly topic: string,
    private readonly instanceId: string,
    private readonly logger?: Logger,
  ) {}

  async publish(key: string, event: ChatBusEvent): Promise<void> {
    await this.mq.produce(this.topic, { key, value: encodeBusEvent(event) });
  }

  async subscribe(handler: (event: ChatBusEvent) => void): Promise<ChatBusSubscription> {
    await this.mq.ensureTopics([{ topic: this.topic, partitions: 4 }]);
    const consumer = this.mq.consumer({ group: `${this.topic}.${this.instanceId}`, topics: [this.topic], fromBeginning: false });
    await consumer.run((message) => {
      let event: ChatBusEvent;
      try {
        event = decodeBusEvent(message.text());
      } catch (error) {
        this.logger?.warn({ err: error }, 'dropping an unreadable fan-out event');
        return;
      }
      handler(event);
    });
    return { close: () => consumer.close() };
  }
}
