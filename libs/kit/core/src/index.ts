export * from './lib/app-error';
export * from './lib/clock';
export * from './lib/decimal';
export * from './lib/ids';
export * from './lib/redact-url';
export * from './lib/resource';
export * from './lib/result';
export * from './lib/versioned-aggregate';
