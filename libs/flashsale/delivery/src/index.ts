export * from './http/flashsale-router';
