import { describeError } from '@mosaic/kit-ui/client';
import { useEffect, useState } from 'preact/hooks';
import { accountApi, type Account, type LedgerEntry } from './account-api';
import { kindLabel, shortTime } from './format';

/** One account's ledger, newest first, ten entries at a time (`?cursor=` paging). */
export function LedgerPanel({ account, version }: { account: Account; version: number }) {
  const [entries, setEntries] = useState<LedgerEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');

  const load = async (from?: string) => {
    setLoading(true);
    setError('');
    try {
      const page = await accountApi.ledger(account.id, from);
      setEntries((previous) => (from ? [...previous, ...page.entries] : page.entries));
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setLoading(false);
    }
  };

  // Reload from the top when the account changes or money moved.
  useEffect(() => void load(), [account.id, version]);

  return (
    <section class="section" id="ledger" aria-labelledby="ledger-title">
      <div class="card-head">
        <h2 id="ledger-title">Ledger · {account.currency}</h2>
        <span class="muted mono">#{account.id}</span>
      </div>
      {entries.length === 0 && !loading && !error && <p class="muted">No entries yet. Deposit or transfer to see them here.</p>}
      {entries.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>What</th>
                <th class="num">Amount</th>
                <th class="num">Balance</th>
                <th>When</th>
                <th>Counterparty</th>
              </tr>
            </thead>
            <tbody id="ledger-rows">
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{kindLabel(entry.kind)}</td>
                  <td class="num amount">{entry.amount}</td>
                  <td class="num">{entry.balanceAfter}</td>
                  <td>{shortTime(entry.createdAt)}</td>
                  <td class="mono">{entry.counterpartyAccountId ? `#${entry.counterpartyAccountId}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="form-error" role="alert">
        {error}
      </p>
      <div class="actions">
        {cursor && (
          <button type="button" class="secondary" id="ledger-more" disabled={loading} onClick={() => void load(cursor)}>
            {loading ? 'Loading…' : 'Older entries'}
          </button>
        )}
      </div>
    </section>
  );
}
