export * from './product/product';
export * from './product/listed-products';
export * from './book/book-order';
export * from './book/price-level';
export * from './book/book-side';
export * from './book/order-index';
export * from './book/order-book';
export * from './matching/taker';
export * from './matching/match-taker';
export * from './commands/commands';
export * from './commands/command-codec';
export * from './errors/exchange-errors';
export * from './events/exchange-events';
export * from './engine/exchange-engine';
export type {
  EngineSnapshot,
  SnapshotAccount,
  SnapshotAttachment,
  SnapshotBalance,
  SnapshotBook,
  SnapshotCurrency,
  SnapshotOrder,
} from './snapshot/engine-snapshot';
export * from './snapshot/snapshot-codec';
export * from './ports/command-journal';
export * from './ports/snapshot-store';
export * from './history/history-rows';
export * from './ports/order-history';
export * from './ports/user-accounts';
export * from './ports/leader-lease';
