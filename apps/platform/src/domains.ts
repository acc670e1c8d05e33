/** What the platform serves, for the landing page and the start-up banner. */
export interface DomainEntry {
  name: string;
  path: string;
  description: string;
  ready: boolean;
}

export const DOMAINS: DomainEntry[] = [
  { name: 'URL shortener', path: '/s/', description: 'Short links that redirect fast, with click counts', ready: true },
  { name: 'Auth', path: '/api/v1/auth/jwks.json', description: 'Accounts, sessions and tokens shared by every domain (API under /api/v1/auth)', ready: true },
  { name: 'Account', path: '/api/v1/accounts', description: 'Wallets, transfers and points that never lose money (API, sign in first)', ready: true },
  { name: 'Chat', path: '/chat/', description: 'Real-time messages between friends and in channels', ready: true },
  { name: 'Exchange', path: '/exchange/', description: 'A spot exchange with a deterministic matching engine', ready: false },
  { name: 'Flash sale', path: '/flashsale/', description: 'Hourly sales of 10,000 items, never oversold', ready: false },
];
