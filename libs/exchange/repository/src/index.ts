export * from './file/file-command-journal';
export * from './file/file-snapshot-store';
export * from './memory/memory-command-journal';
export * from './memory/memory-snapshot-store';
export * from './memory/memory-order-history';
export * from './mysql/mysql-order-history';
export * from './mysql/migrations/exchange-migrations';
export * from './kafka/kafka-command-journal';
