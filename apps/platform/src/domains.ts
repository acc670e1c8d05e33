/**
 * What the platform serves: the home page's cards, the header's navigation and the
 * start-up banner all read this one list. When a product's page is mounted, give it
 * its `page` path and every link to it appears; until then it shows "coming soon".
 */
export interface DomainEntry {
  /** Stable id for the card (`card-<id>`). */
  id: string;
  name: string;
  description: string;
  /** Its page on the platform; absent while the page does not exist. */
  page?: string;
  /** Label of the page link in the header. */
  navLabel?: string;
  /** Where its HTTP API lives, shown as text (an API answers JSON, so it is no link). */
  api: string;
  /** The app that serves it alone (`npx nx serve <app>`). */
  app: string;
}

/** The interactive API reference (Swagger UI over `/openapi.json`); undefined would hide its links. */
export const API_DOCS_PATH: string | undefined = '/docs';

export const DOMAINS: DomainEntry[] = [
  {
    id: 'urlshortener',
    name: 'URL shortener',
    description: 'Short links that redirect fast, with QR codes and click counts.',
    page: '/s/',
    api: '/api/v1/links',
    app: 'app-urlshortener',
  },
  {
    id: 'account',
    name: 'Accounts',
    description: 'Wallets, deposits, transfers and points that never create or lose money, with a paged ledger.',
    page: '/accounts/',
    api: '/api/v1/accounts',
    app: 'app-account',
  },
  {
    id: 'chat',
    name: 'Chat',
    description: 'Real-time messages between friends and in channels.',
    api: '/api/v1/chat',
    app: 'app-chat',
  },
  {
    id: 'exchange',
    name: 'Exchange',
    description: 'A spot exchange with a deterministic single-writer matching engine.',
    api: '/api',
    app: 'app-exchange',
  },
  {
    id: 'flashsale',
    name: 'Flash sale',
    description: 'Hourly sales of 10,000 items, never oversold.',
    api: '/api/v1/flashsale',
    app: 'app-flashsale',
  },
  {
    id: 'auth',
    name: 'Auth',
    description: 'One account for every product: sign up, sign in, sessions that refresh silently and end at sign-out.',
    page: '/signin',
    navLabel: 'Sign in',
    api: '/api/v1/auth',
    app: 'every app',
  },
];
