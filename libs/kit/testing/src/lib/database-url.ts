/**
 * The same server URL pointing at another database. Works on the raw string because
 * `mongodb://a:1,b:2/db` (a replica set seed list) is not a URL `new URL` accepts.
 */
export function withDatabaseName(url: string, database: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?([?#].*)?$/i.exec(url);
  if (!match) throw new TypeError(`not a server URL: ${url}`);
  return `${match[1]}/${database}${match[3] ?? ''}`;
}
