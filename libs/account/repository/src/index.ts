export * from './create-account-adapters';
export { ACCOUNT_MIGRATIONS } from './mysql/account-migrations';
export { OutboxRelay, type OutboxRelayOptions, type RelayLogger } from './outbox/outbox-relay';
export type { PendingOutbox, StoredEvent } from '@mosaic/kit-outbox';
export { toMessage, toPayload, fromPayload, type EventPayload } from '@mosaic/kit-outbox';
export { LogNotifier, type NotificationLogger } from './notify/log-notifier';
export { MemoryNotifier } from './notify/memory-notifier';
export type { MysqlConcurrency } from './mysql/mysql-unit-of-work';
