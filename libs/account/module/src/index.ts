export * from './lib/account-module';
export * from './lib/account-settings';
