import type { ApiResponse, ExchangeClient } from './exchange-client';

/** Every row of a paginated list (`limit=100`, following the `gbe-after` cursor); `path` already has a query string. */
export async function allPages<Row = { id: string; clientOid: string }>(client: ExchangeClient, path: string): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const page: ApiResponse<Row[]> = await client.call('GET', `${path}&limit=100${after ? `&after=${after}` : ''}`);
    rows.push(...page.body);
    after = page.headers.get('gbe-after');
    if (page.body.length < 100) return rows;
  }
}
