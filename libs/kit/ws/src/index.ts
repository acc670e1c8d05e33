export * from './lib/ws-connection';
export * from './lib/ws-server';
