import { AppError } from '@mosaic/kit-core';
import { uniqueName } from '@mosaic/kit-testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsumerOptions, MessageConsumer, MessageHandler, MessageQueue } from '../lib/ports';
import { Gate, Inbox, waitUntil } from './inbox';

// Kafka group joins and rebalances take seconds each; a test makes at most three.
const TEST_TIMEOUT_MS = 90_000;
const FAST_RETRY = { initialDelayMs: 10, maxDelayMs: 50 } as const;
const quiet = () => undefined;

/**
 * The behaviour every MessageQueue backend must have, written once and run per
 * backend. `makeQueue` is called inside each test, so a backend URL may be read there.
 */
export function messageQueueContract(name: string, makeQueue: () => MessageQueue | Promise<MessageQueue>): void {
  describe(`MessageQueue contract: ${name}`, () => {
    let queue: MessageQueue;
    let topic: string;

    beforeEach(async () => {
      queue = await makeQueue();
      topic = uniqueName('mq-contract');
    });

    afterEach(async () => {
      await queue?.close();
    });

    async function start(options: Omit<ConsumerOptions, 'topics'> & { topics?: string[] }, handler: MessageHandler): Promise<MessageConsumer> {
      const consumer = queue.consumer({ retry: FAST_RETRY, ...options, topics: options.topics ?? [topic] });
      await consumer.run(handler);
      return consumer;
    }

    it(
      'delivers key, JSON or byte value, headers and position',
      async () => {
        const inbox = new Inbox();
        await start({ group: uniqueName('g') }, inbox.handler());
        await queue.produce(topic, { key: 'order-1', value: { id: 'json', amount: '12.50' }, headers: { 'trace-id': 't-1' } });
        const bytes = Buffer.from(JSON.stringify({ id: 'bytes' }));
        await queue.produce(topic, { key: 'order-1', value: bytes });
        await inbox.waitForCount(2);

        const [json, raw] = inbox.deliveries.map((delivery) => delivery.message);
        expect(json.topic).toBe(topic);
        expect(json.key).toBe('order-1');
        expect(json.json()).toEqual({ id: 'json', amount: '12.50' });
        expect(json.headers).toMatchObject({ 'trace-id': 't-1', 'content-type': 'application/json' });
        expect(Number.isInteger(json.partition) && json.partition >= 0).toBe(true);
        expect(json.offset).toBe('0');
        expect(json.timestamp).toBeGreaterThan(0);
        expect(raw.value.equals(bytes)).toBe(true);
        expect(raw.headers['content-type']).toBe('application/octet-stream');
        expect(raw.partition).toBe(json.partition);
        expect(raw.offset).toBe('1');
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'keeps each key on one partition and its messages in produce order, across concurrent partitions',
      async () => {
        const keys = ['alice', 'bob', 'carol', 'dave', 'erin'];
        const perKey = 20;
        const inbox = new Inbox();
        await start({ group: uniqueName('g'), concurrency: 3 }, inbox.handler());
        const sends: Promise<void>[] = [];
        for (let sequence = 0; sequence < perKey; sequence++) {
          for (const key of keys) sends.push(queue.produce(topic, { key, value: { id: `${key}-${sequence}`, sequence } }));
        }
        await Promise.all(sends);
        await inbox.waitForCount(keys.length * perKey);

        for (const key of keys) {
          const ofKey = inbox.deliveries.filter((delivery) => delivery.message.key === key);
          expect(ofKey.map((delivery) => delivery.message.json<{ sequence: number }>().sequence)).toEqual([...Array(perKey).keys()]);
          expect(new Set(ofKey.map((delivery) => delivery.message.partition)).size).toBe(1);
        }
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'creates a topic with the partitions asked for and leaves an existing one as it is',
      async () => {
        await queue.ensureTopics([{ topic, partitions: 5 }]);
        await queue.ensureTopics([{ topic, partitions: 2 }]);
        const inbox = new Inbox();
        await start({ group: uniqueName('g') }, inbox.handler());
        const ids = Array.from({ length: 100 }, (_, index) => `key-${index}`);
        await queue.produceBatch(
          topic,
          ids.map((id) => ({ key: id, value: { id } })),
        );
        await inbox.waitForIds(ids);

        const partitions = new Set(inbox.deliveries.map((delivery) => delivery.message.partition));
        expect([...partitions].sort()).toEqual([0, 1, 2, 3, 4]);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'gives every group every message',
      async () => {
        const billing = new Inbox();
        const audit = new Inbox();
        await start({ group: uniqueName('billing') }, billing.handler());
        await start({ group: uniqueName('audit') }, audit.handler());
        const ids = Array.from({ length: 30 }, (_, index) => `m${index}`);
        await Promise.all(ids.map((id, index) => queue.produce(topic, { key: `k${index % 7}`, value: { id } })));
        await billing.waitForIds(ids);
        await audit.waitForIds(ids);

        expect([...new Set(billing.ids())].sort()).toEqual([...ids].sort());
        expect([...new Set(audit.ids())].sort()).toEqual([...ids].sort());
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'shares the partitions of a topic among the consumers of one group',
      async () => {
        const group = uniqueName('workers');
        const first = new Inbox();
        const second = new Inbox();
        await start({ group }, first.handler());
        await start({ group }, second.handler());
        const ids = Array.from({ length: 30 }, (_, index) => `m${index}`);
        await queue.produceBatch(
          topic,
          ids.map((id) => ({ key: id, value: { id } })),
        );
        await waitUntil(
          () => ids.every((id) => first.ids().includes(id) || second.ids().includes(id)),
          () => `all of ${ids.length} messages across both members`,
        );

        expect(first.deliveries.length).toBeGreaterThan(0);
        expect(second.deliveries.length).toBeGreaterThan(0);
        const partitionsOf = (inbox: Inbox) => new Set(inbox.deliveries.map((delivery) => delivery.message.partition));
        for (const partition of partitionsOf(first)) expect(partitionsOf(second).has(partition)).toBe(false);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'loses nothing while members join and leave a group mid-stream',
      async () => {
        const group = uniqueName('g');
        const first = new Inbox();
        const second = new Inbox();
        const ids = Array.from({ length: 150 }, (_, index) => `m${index}`);
        const produceRange = (from: number, to: number) =>
          queue.produceBatch(
            topic,
            ids.slice(from, to).map((id, index) => ({ key: `k${(from + index) % 11}`, value: { id } })),
          );

        const leaving = await start({ group }, first.handler());
        await produceRange(0, 50);
        await start({ group }, second.handler());
        await produceRange(50, 100);
        await leaving.close();
        await produceRange(100, 150);
        await waitUntil(
          () => ids.every((id) => first.ids().includes(id) || second.ids().includes(id)),
          () => `all ${ids.length} messages across the members, got ${new Set([...first.ids(), ...second.ids()]).size}`,
        );

        expect(new Set([...first.ids(), ...second.ids()]).size).toBe(ids.length);
        expect(second.ids()).toEqual(expect.arrayContaining(ids.slice(100)));
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'produces a batch in order and publishes nothing of a batch that holds an invalid message',
      async () => {
        const inbox = new Inbox();
        await start({ group: uniqueName('g') }, inbox.handler());
        const batch = Array.from({ length: 50 }, (_, index) => ({ key: 'same', value: { id: `b${index}` } }));
        await queue.produceBatch(topic, batch);
        await queue.produceBatch(topic, []);
        const rejected = queue.produceBatch(topic, [
          { key: 'same', value: { id: 'never-1' } },
          { key: 'same', value: { id: 'never-2', amount: 10n } },
        ]);
        await expect(rejected).rejects.toMatchObject({ kind: 'invalid', code: 'mq_unserialisable_value' });
        await queue.produce(topic, { key: 'same', value: { id: 'after' } });
        await inbox.waitForCount(51);

        expect(inbox.ids()).toEqual([...batch.map((message) => message.value.id), 'after']);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'retries a failing handler in place, before later messages of its key',
      async () => {
        const inbox = new Inbox();
        const processed: string[] = [];
        await start(
          { group: uniqueName('g'), onError: quiet },
          inbox.handler((_message, context, id) => {
            if (id === 'second' && context.attempt === 1) throw new Error('transient failure');
            processed.push(id);
          }),
        );
        for (const id of ['first', 'second', 'third']) await queue.produce(topic, { key: 'k', value: { id } });
        await waitUntil(
          () => processed.length === 3,
          () => `3 processed, got ${processed.join(', ')}`,
        );

        expect(processed).toEqual(['first', 'second', 'third']);
        expect(inbox.deliveries.map(({ id, attempt }) => `${id}#${attempt}`)).toEqual(['first#1', 'second#1', 'second#2', 'third#1']);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'delivers a message whose handler never succeeded to the next consumer of the group',
      async () => {
        const group = uniqueName('g');
        const failing = new Inbox();
        const processed: string[] = [];
        const first = await start(
          { group, onError: quiet },
          failing.handler((_message, _context, id) => {
            if (id === 'poison') throw new Error('cannot handle yet');
            processed.push(id);
          }),
        );
        for (const id of ['ok', 'poison', 'later']) await queue.produce(topic, { key: 'k', value: { id } });
        await waitUntil(
          () => failing.deliveries.filter((delivery) => delivery.id === 'poison').length >= 2,
          () => 'two attempts at the failing message',
        );
        await first.close();
        expect(processed).toEqual(['ok']);

        const next = new Inbox();
        await start({ group }, next.handler());
        await next.waitForCount(2);
        expect(next.ids()).toEqual(['poison', 'later']);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'in manual mode commits only what the handler committed; the rest goes to the next consumer',
      async () => {
        const group = uniqueName('g');
        const first = new Inbox();
        const consumer = await start(
          { group, commit: 'manual' },
          first.handler(async (_message, context, id) => {
            if (id === 'one') await context.commit();
          }),
        );
        for (const id of ['one', 'two', 'three']) await queue.produce(topic, { key: 'k', value: { id } });
        await first.waitForCount(3);
        await consumer.close();

        const second = new Inbox();
        await start(
          { group, commit: 'manual' },
          second.handler((_message, context) => context.commit()),
        );
        await second.waitForCount(2);
        expect(second.ids()).toEqual(['two', 'three']);
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'lets an in-flight handler finish on close, commits it, and takes nothing new',
      async () => {
        const group = uniqueName('g');
        const gate = new Gate();
        const events: string[] = [];
        const first = new Inbox();
        const consumer = await start(
          { group },
          first.handler(async (_message, _context, id) => {
            events.push(`start ${id}`);
            await gate.opened;
            events.push(`end ${id}`);
          }),
        );
        for (const id of ['slow', 'queued']) await queue.produce(topic, { key: 'k', value: { id } });
        await waitUntil(
          () => events.includes('start slow'),
          () => 'the first handler to start',
        );

        const closing = consumer.close().then(() => events.push('closed'));
        // Give a close that did not wait every chance to finish before the handler does.
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(events).toEqual(['start slow']);
        gate.open();
        await closing;
        expect(events).toEqual(['start slow', 'end slow', 'closed']);
        expect(first.ids()).toEqual(['slow']);

        const next = new Inbox();
        await start({ group }, next.handler());
        await next.waitForCount(1);
        expect(next.ids()[0]).toBe('queued');
      },
      TEST_TIMEOUT_MS,
    );

    it(
      'reports closed consumers and queues as unavailable and rejects invalid input',
      async () => {
        await queue.check();
        expect(() => queue.consumer({ group: '', topics: [topic] })).toThrow(AppError);
        expect(() => queue.consumer({ group: 'g', topics: [] })).toThrow(AppError);
        await expect(queue.produce('bad topic!', { value: { id: 'x' } })).rejects.toMatchObject({ kind: 'invalid', code: 'mq_invalid_topic' });

        const consumer = await start({ group: uniqueName('g') }, () => undefined);
        await expect(consumer.run(() => undefined)).rejects.toMatchObject({ code: 'mq_consumer_running' });
        await Promise.all([consumer.close(), consumer.close()]);
        await expect(consumer.run(() => undefined)).rejects.toMatchObject({ kind: 'unavailable', code: 'mq_closed' });

        await queue.close();
        await expect(queue.check()).rejects.toMatchObject({ kind: 'unavailable', code: 'mq_closed' });
        await expect(queue.produce(topic, { value: { id: 'late' } })).rejects.toMatchObject({ kind: 'unavailable', code: 'mq_closed' });
      },
      TEST_TIMEOUT_MS,
    );
  });
}
