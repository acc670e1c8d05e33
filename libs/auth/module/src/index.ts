export * from './lib/auth-config';
export * from './lib/auth-module';
export * from './lib/remote-authentication';
