export * from './lib/urlshortener-module';
export * from './lib/urlshortener-settings';
