export * from './lib/logger';
export * from './lib/request-context';
