/**
 * Words that can never be a code, because servers use them as top-level paths
 * (`/health`, `/api`, the platform's domains) or might soon. Compared without
 * case, since express matches paths case-insensitively.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  // every server
  'health',
  'ready',
  'metrics',
  'api',
  // the platform's domains and pages
  's',
  'auth',
  'account',
  'accounts',
  'exchange',
  'chat',
  'flashsale',
  'ws',
  // likely future top-level pages and files
  'admin',
  'assets',
  'docs',
  'favicon',
  'login',
  'logout',
  'public',
  'robots',
  'signup',
  'static',
  'status',
  'www',
]);

export function isReservedWord(value: string): boolean {
  return RESERVED_WORDS.has(value.toLowerCase());
}
