export * from './lib/chat-module';
export * from './lib/chat-settings';
