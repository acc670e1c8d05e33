import { describe, expect, it } from 'vitest';
import type { MqLogger } from '../lib/logger';
import { KafkaMessageQueue, parseBrokers } from './kafka-message-queue';

const silent: MqLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('parseBrokers', () => {
  it('reads the comma-separated KAFKA_BROKERS form and arrays', () => {
    expect(parseBrokers(' 127.0.0.1:9092, kafka-2:19092 ')).toEqual(['127.0.0.1:9092', 'kafka-2:19092']);
    expect(parseBrokers(['a:1'])).toEqual(['a:1']);
  });

  it.each(['', ' , ', 'no-port', 'http://host:9092'])('rejects %j naming the variable to fix', (brokers) => {
    expect(() => parseBrokers(brokers)).toThrow(/KAFKA_BROKERS|host:port/);
  });
});

describe('KafkaMessageQueue without a reachable broker', () => {
  // Port 1 refuses connections at once, so these fail fast and need no broker.
  const unreachable = () => new KafkaMessageQueue({ brokers: '127.0.0.1:1', logger: silent, retries: 0, checkTimeoutMs: 2_000, produceTimeoutMs: 2_000 });

  it('fails its readiness check as unavailable', async () => {
    const queue = unreachable();
    await expect(queue.check()).rejects.toMatchObject({ kind: 'unavailable', code: 'mq_unreachable' });
    await queue.close();
  });

  it('fails a produce as unavailable instead of hanging', async () => {
    const queue = unreachable();
    await expect(queue.produce('orders', { key: 'k', value: { id: 1 } })).rejects.toMatchObject({ kind: 'unavailable' });
    await queue.close();
  });
});
