export * from './lib/ports';
export type { MessageHeaders, MessageValue, OutgoingMessage, ReceivedMessage } from './lib/message';
export { consoleMqLogger, type MqLogger } from './lib/logger';
export { MemoryMessageQueue, type MemoryMessageQueueOptions } from './memory/memory-message-queue';
export { KafkaMessageQueue, parseBrokers, type KafkaMessageQueueOptions } from './kafka/kafka-message-queue';
export type { KafkaConsumerTuning } from './kafka/kafka-consumer';
