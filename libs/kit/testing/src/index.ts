export * from './lib/availability';
export * from './lib/backend-kinds';
export * from './lib/describe-with-backend';
export * from './lib/unique-name';
