import { api } from '@mosaic/kit-ui/client';

/** The account API's answers, as this page reads them (money as decimal strings). */
export interface Account {
  id: string;
  currency: string;
  balance: string;
  createdAt: string;
}

export interface LedgerEntry {
  id: string;
  kind: string;
  amount: string;
  balanceAfter: string;
  reference: string | null;
  counterpartyAccountId: string | null;
  createdAt: string;
}

export interface LedgerPage {
  entries: LedgerEntry[];
  nextCursor: string | null;
}

export interface PointsAccount {
  id: string;
  points: string;
}

const BASE = '/api/v1';

export const accountApi = {
  list: async () => (await api<{ accounts: Account[] }>(`${BASE}/accounts`)).accounts,
  open: (currency: string) => api<Account>(`${BASE}/accounts`, { body: { currency } }),
  ledger: (id: string, cursor?: string) =>
    api<LedgerPage>(`${BASE}/accounts/${encodeURIComponent(id)}/ledger?limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
  deposit: (id: string, amount: string, key: string) =>
    api(`${BASE}/accounts/${encodeURIComponent(id)}/deposits`, { body: { amount }, headers: { 'Idempotency-Key': key } }),
  transfer: (from: string, to: string, amount: string, key: string) =>
    api<{ transferId: string }>(`${BASE}/transfers`, { body: { from, to, amount }, headers: { 'Idempotency-Key': key } }),
  points: async () => (await api<{ points: PointsAccount[] }>(`${BASE}/points`)).points,
  openPoints: () => api<PointsAccount>(`${BASE}/points`, { body: {} }),
  purchase: (accountId: string, pointsId: string, amount: string, key: string) =>
    api<{ points: string }>(`${BASE}/points/purchases`, { body: { accountId, pointsId, amount }, headers: { 'Idempotency-Key': key } }),
};

/** "USD ·4821": enough of the id to tell one's accounts apart. */
export const accountLabel = (account: Account) => `${account.currency} ·${account.id.slice(-4)}`;
