export * from './lib/exchange-settings';
export * from './lib/exchange-module';
export * from './lib/exchange-projector';
