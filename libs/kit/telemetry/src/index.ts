export * from './lib/request-durations';
export * from './lib/telemetry';
