export * from './lib/backends';
export * from './lib/config-error';
export * from './lib/load-config';
