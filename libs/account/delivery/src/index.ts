export * from './http/account-router';
export * from './consumer/account-notifications';
