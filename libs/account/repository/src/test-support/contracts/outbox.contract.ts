import type { DomainEvent } from '@mosaic/account-domain';
import type { MessagePublisher, OutgoingMessage } from '@mosaic/kit-mq';
import { beforeEach, describe, expect, it } from 'vitest';
import { OutboxRelay } from '../../outbox/outbox-relay';
import type { EventPayload } from '@mosaic/kit-outbox';
import { anEvent, nextId } from '../aggregates';
import { eventually } from '../gate';
import { useBackend, type ContractBackend } from './contract-backend';

/** Records what it is asked to publish; can be told to fail after a number of messages, mid-batch. */
class RecordingPublisher implements MessagePublisher {
  readonly published: { topic: string; message: OutgoingMessage }[] = [];
  failures = 0;

  constructor(private failAfter = Number.POSITIVE_INFINITY) {}

  async produce(topic: string, message: OutgoingMessage): Promise<void> {
    await this.produceBatch(topic, [message]);
  }

  async produceBatch(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    for (const message of messages) {
      if (this.published.length >= this.failAfter) {
        this.failures++;
        throw new Error('broker connection lost');
      }
      this.published.push({ topic, message });
    }
  }

  ids(): string[] {
    return this.published.map(({ message }) => (message.value as EventPayload).id);
  }
}

export function outboxContract(backend: ContractBackend): void {
  describe(`Outbox contract (with the relay): ${backend.name}`, () => {
    const adapters = useBackend(backend);

    beforeEach(async () => {
      // Tests share storage: start each from an empty outbox.
      await new OutboxRelay({ outbox: adapters().outbox, publisher: new RecordingPublisher() }).drainAll();
    });

    async function commit(...events: DomainEvent[]): Promise<void> {
      await adapters().unitOfWork.run((tx) => tx.outbox.add(events));
    }

    it('keeps committed events pending, oldest first, exactly as written', async () => {
      const events = [anEvent(), anEvent({ type: 'points.purchased', aggregateType: 'points' }), anEvent()];
      await commit(events[0]!, events[1]!);
      await commit(events[2]!);
      const pending = await adapters().outbox.peek(10);
      expect(pending.map((stored) => stored.event)).toEqual(events);
      expect(await adapters().outbox.countPending()).toBe(3);
      expect(await adapters().outbox.peek(2)).toHaveLength(2);
    });

    it('never holds the events of a rolled-back unit of work', async () => {
      const lost = anEvent();
      await expect(
        adapters().unitOfWork.run(async (tx) => {
          await tx.outbox.add([lost]);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      const kept = anEvent();
      await commit(kept);
      const publisher = new RecordingPublisher();
      await new OutboxRelay({ outbox: adapters().outbox, publisher }).drainAll();
      expect(publisher.ids()).toEqual([kept.id]);
    });

    it('publishes to the account topic keyed by aggregate, then removes what was published', async () => {
      const event = anEvent();
      await commit(event);
      const publisher = new RecordingPublisher();
      expect(await new OutboxRelay({ outbox: adapters().outbox, publisher }).runOnce()).toBe(1);
      expect(publisher.published).toEqual([
        {
          topic: 'account.events',
          message: {
            key: event.aggregateId,
            value: { ...event, occurredAt: event.occurredAt.toISOString() },
            headers: { 'event-id': event.id, 'event-type': event.type },
          },
        },
      ]);
      expect(await adapters().outbox.countPending()).toBe(0);
    });

    it('keeps a batch whose publishing failed, and hands it out again', async () => {
      const events = [anEvent(), anEvent()];
      await commit(...events);
      const failing = new RecordingPublisher(1);
      await expect(new OutboxRelay({ outbox: adapters().outbox, publisher: failing }).runOnce()).rejects.toThrow('broker connection lost');
      expect(await adapters().outbox.countPending()).toBe(2);
      const healthy = new RecordingPublisher();
      await new OutboxRelay({ outbox: adapters().outbox, publisher: healthy }).drainAll();
      expect(healthy.ids()).toEqual(events.map((event) => event.id));
    });

    it('loses nothing across a relay that dies mid-batch and a restart: every event at least once, in order per aggregate', async () => {
      const aggregates = [nextId(), nextId(), nextId()];
      const before = Array.from({ length: 25 }, (_, i) => anEvent({ aggregateId: aggregates[i % 3]! }));
      for (const event of before) await commit(event);

      // Publishes the first batch of 10, then 2 of the second, then the "broker" goes away.
      const dying = new RecordingPublisher(12);
      const first = new OutboxRelay({ outbox: adapters().outbox, publisher: dying, batchSize: 10, pollIntervalMs: 5, maxBackoffMs: 10 });
      first.start();
      await eventually(() => dying.failures > 0, 'the first relay to fail');
      await first.stop();
      expect(await adapters().outbox.countPending()).toBe(15);

      const during = Array.from({ length: 5 }, (_, i) => anEvent({ aggregateId: aggregates[i % 3]! }));
      for (const event of during) await commit(event);

      const restarted = new RecordingPublisher();
      const second = new OutboxRelay({ outbox: adapters().outbox, publisher: restarted, batchSize: 10, pollIntervalMs: 5 });
      second.start();
      await eventually(async () => (await adapters().outbox.countPending()) === 0, 'the restarted relay to drain the outbox');
      await second.stop();

      const all = [...before, ...during].map((event) => event.id);
      const delivered = [...dying.ids(), ...restarted.ids()];
      expect(new Set(delivered)).toEqual(new Set(all));
      // Only the two events of the interrupted batch went out twice.
      expect(delivered).toHaveLength(all.length + 2);
      expect(restarted.ids().slice(0, 2)).toEqual(dying.ids().slice(10, 12));
      for (const aggregate of aggregates) {
        const committedOrder = [...before, ...during].filter((event) => event.aggregateId === aggregate).map((event) => event.id);
        const firstSeen = [...new Set(delivered)].filter((id) => committedOrder.includes(id));
        expect(firstSeen).toEqual(committedOrder);
      }
    });

    it('lets two relays share an outbox without handing an event to both', async () => {
      const events = Array.from({ length: 40 }, () => anEvent());
      for (const event of events) await commit(event);
      const publishers = [new RecordingPublisher(), new RecordingPublisher()];
      const relays = publishers.map((publisher) => new OutboxRelay({ outbox: adapters().outbox, publisher, batchSize: 7, pollIntervalMs: 5 }));
      relays.forEach((relay) => relay.start());
      await eventually(async () => (await adapters().outbox.countPending()) === 0, 'the relays to drain the outbox');
      await Promise.all(relays.map((relay) => relay.stop()));
      const delivered = publishers.flatMap((publisher) => publisher.ids());
      expect(delivered.sort()).toEqual(events.map((event) => event.id).sort());
    });

    it('is woken by a commit rather than waiting for its next poll', async () => {
      const publisher = new RecordingPublisher();
      const relay = new OutboxRelay({ outbox: adapters().outbox, publisher, pollIntervalMs: 60_000 });
      relay.start();
      await eventually(() => true, 'the relay to start');
      const event = anEvent();
      await commit(event);
      relay.wake();
      await eventually(() => publisher.ids().includes(event.id), 'the woken relay to publish');
      await relay.stop();
    });
  });
}
