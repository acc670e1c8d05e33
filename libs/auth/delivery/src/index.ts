export * from './lib/access-token-cookie';
export * from './lib/auth-router';
export * from './lib/authenticate';
export * from './lib/authenticate-upgrade';
export * from './lib/security-event-log';
export * from './lib/token-sources';
export * from './lib/user-event-log';
