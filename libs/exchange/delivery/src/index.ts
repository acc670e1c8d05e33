export * from './http/api-errors';
export * from './http/exchange-router';
export * from './http/presenters';
export * from './http/schemas';
export * from './http/session';
export * from './ws/market-feed-socket';
export * from './ws/subscriptions';
export * from './page/exchange-page-router';
