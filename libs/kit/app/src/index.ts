export * from './lib/backends';
export * from './lib/run-app';
export * from './lib/test-context';
