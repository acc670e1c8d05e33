export * from './http/account-router';
export * from './consumer/account-notifications';
export * from './page/account-page-router';
