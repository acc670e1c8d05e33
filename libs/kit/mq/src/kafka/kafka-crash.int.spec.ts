import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describeWithBackend, uniqueName } from '@mosaic/kit-testing';
import { expect, it } from 'vitest';
import type { ReceivedMessage } from '../lib/message';
import { KafkaMessageQueue } from './kafka-message-queue';

const fixture = resolve(import.meta.dirname, '../fixtures/crashing-consumer.ts');

describeWithBackend('kafka', 'Kafka consumer crash', (backend) => {
  it('redelivers a message whose consumer was killed before committing it', async () => {
    const topic = uniqueName('crash');
    const group = uniqueName('crash_group');
    const queue = new KafkaMessageQueue({
      brokers: backend.url(),
      clientId: 'crash-test',
      consumer: { sessionTimeoutMs: 6_000, rebalanceTimeoutMs: 10_000, heartbeatIntervalMs: 300, maxWaitTimeMs: 100 },
    });
    try {
      await queue.ensureTopics([{ topic, partitions: 1 }]);
      const child = spawn(process.execPath, ['--import', 'tsx', fixture, backend.url(), topic, group], { stdio: ['ignore', 'pipe', 'inherit'] });
      const lines = createInterface({ input: child.stdout! });
      const received = new Promise<string>((resolveLine) => lines.on('line', (line) => line.startsWith('received:') && resolveLine(line)));
      await new Promise<void>((resolveJoin) => lines.on('line', (line) => line === 'joined' && resolveJoin()));
      await queue.produce(topic, { key: 'k', value: { order: 42 } });
      expect(await received).toBe('received:{"order":42}');
      child.kill('SIGKILL');
      await once(child, 'exit');

      const redelivered = new Promise<ReceivedMessage>((resolveMessage) => {
        void queue.consumer({ group, topics: [topic] }).run((message) => resolveMessage(message));
      });
      expect((await redelivered).json()).toEqual({ order: 42 });
    } finally {
      await queue.close();
    }
  }, 60_000);
});
