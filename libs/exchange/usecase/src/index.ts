export * from './lib/sequencer';
export * from './lib/engine-runner';
export * from './lib/recover-engine';
export * from './lib/exchange-service';
