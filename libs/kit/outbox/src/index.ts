export type { EventValue, OutboxEvent } from './lib/outbox-event';
export { toMessage, toPayload, fromPayload, type EventPayload } from './lib/event-message';
export type { PendingOutbox, StoredEvent } from './lib/pending-outbox';
export { OutboxRelay, type OutboxRelayOptions, type RelayLogger } from './lib/outbox-relay';
export { MemoryOutboxLog } from './memory/memory-outbox-log';
export { MemoryPendingOutbox } from './memory/memory-pending-outbox';
export { outboxTableSql } from './mysql/outbox-table';
export { MysqlOutboxWriter, type OutboxSql } from './mysql/mysql-outbox-writer';
export { MysqlPendingOutbox } from './mysql/mysql-pending-outbox';
