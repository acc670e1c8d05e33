import { randomUUID } from 'node:crypto';
import type { ChatBus, ChatBusEvent, ChatBusSubscription } from '@mosaic/chat-domain';
import type { Logger } from '@mosaic/kit-log';
import type { MessageQueue } from '@mosaic/kit-mq';
import { decodeBusEvent } from '../shared/bus-codec';

const PARTITIONS = 4;
/** Probe keys per round: enough that every partition gets one (a miss is ~1e-4 likely; a new round follows). */
const PROBES = 32;
const PROBE_ROUND_MS = 1_000;

/**
 * Fan-out through a kit-mq topic (Kafka): events keyed by conversation, so one
 * conversation stays in one partition and in order; each subscription reads the topic
 * in a consumer group of its own, from the newest offset, so every instance sees every
 * event published after it subscribed. A new group finds its starting offsets a moment
 * after joining, so `subscribe` resolves only once probes it published afterwards come
 * back on every partition: from then on, nothing published is missed.
 */
export class KafkaChatBus implements ChatBus {
  private subscriptions = 0;

  constructor(
    private readonly mq: MessageQueue,
    private readonly topic: string,
    private readonly instanceId: string,
    private readonly logger?: Logger,
  ) {}

  async publish(key: string, event: ChatBusEvent): Promise<void> {
    await this.mq.produce(this.topic, { key, value: event });
  }

  async subscribe(handler: (event: ChatBusEvent) => void): Promise<ChatBusSubscription> {
    await this.mq.ensureTopics([{ topic: this.topic, partitions: PARTITIONS }]);
    const nonce = randomUUID();
    const probesSeen = new Map<string, Set<string>>();
    const consumer = this.mq.consumer({ group: `${this.topic}.${this.instanceId}.${++this.subscriptions}`, topics: [this.topic], fromBeginning: false });
    await consumer.run((message) => {
      let event: ChatBusEvent;
      try {
        event = decodeBusEvent(message.json());
      } catch (error) {
        this.logger?.warn({ err: error }, 'dropping an unreadable fan-out event');
        return;
      }
      if (event.kind === 'notice' && event.notice === 'bus_probe') {
        if (event.data['nonce'] === nonce) probesSeen.get(event.data['round'] ?? '')?.add(message.key ?? '');
        return;
      }
      handler(event);
    });
    await this.awaitPosition(nonce, probesSeen);
    return { close: () => consumer.close() };
  }

  private async awaitPosition(nonce: string, probesSeen: Map<string, Set<string>>): Promise<void> {
    for (let round = 0; ; round += 1) {
      const seen = new Set<string>();
      probesSeen.set(String(round), seen);
      const probes = Array.from({ length: PROBES }, (_, i) => ({
        key: `probe-${nonce}-${round}-${i}`,
        value: { kind: 'notice', recipients: [], notice: 'bus_probe', data: { nonce, round: String(round) } } satisfies ChatBusEvent,
      }));
      await this.mq.produceBatch(this.topic, probes);
      const deadline = Date.now() + PROBE_ROUND_MS;
      while (seen.size < PROBES && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      probesSeen.delete(String(round));
      if (seen.size === PROBES) return;
      if (round >= 30) throw new Error(`the fan-out topic ${this.topic} did not deliver this instance's probes`);
    }
  }
}
