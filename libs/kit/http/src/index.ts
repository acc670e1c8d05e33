export * from './lib/error-handler';
export * from './lib/health';
export * from './lib/html';
export * from './lib/http-app';
export * from './lib/principal';
export * from './lib/security-headers';
export * from './lib/server';
export * from './lib/validation';
