import { describeWithBackend } from '@mosaic/kit-testing';
import { messageQueueContract } from '../contract/message-queue-contract';
import type { MqLogger } from '../lib/logger';
import { KafkaMessageQueue } from './kafka-message-queue';

// Timings short enough that each group join and rebalance takes about a second, and
// still within a stock broker's limits (group.min.session.timeout.ms is 6 s there).
const TEST_TUNING = { sessionTimeoutMs: 6_000, rebalanceTimeoutMs: 10_000, heartbeatIntervalMs: 300, maxWaitTimeMs: 100, commitIntervalMs: 200 };

const testLogger: MqLogger = {
  info: () => undefined,
  warn: (fields, message) => console.warn(`[kafka] ${message}`, fields),
  error: (fields, message) => console.error(`[kafka] ${message}`, fields),
};

describeWithBackend('kafka', 'KafkaMessageQueue', (backend) => {
  messageQueueContract('kafka', () => new KafkaMessageQueue({ brokers: backend.url(), clientId: 'kit-mq-test', logger: testLogger, consumer: TEST_TUNING }));
});
