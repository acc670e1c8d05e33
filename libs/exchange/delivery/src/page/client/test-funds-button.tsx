/// <reference lib="dom" />
import { useState } from 'preact/hooks';
import { api, onAsync, toast } from '@mosaic/kit-ui/client';
import { demoDeposits } from './demo-deposits';

interface Funds {
  currency: string;
  available: string;
  hold: string;
}

/**
 * "Get test funds": deposits a demo amount of every market currency to the signed-in
 * user through the API's own deposit route (self-service in test mode, or an admin's),
 * and hands each updated balance back; the `funds` channel brings the same, later.
 */
export function TestFundsButton(props: { products: readonly { baseCurrency: string; quoteCurrency: string }[]; onFunds: (funds: Funds) => void }) {
  const [busy, setBusy] = useState(false);
  const deposits = demoDeposits(props.products);

  const fund = async () => {
    setBusy(true);
    try {
      const balances = await Promise.all(deposits.map((body) => api<Funds>('/api/admin/deposits', { body })));
      for (const funds of balances) props.onFunds(funds);
      toast(`Added ${deposits.map((d) => `${d.amount} ${d.currency}`).join(', ')}`, 'good');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="actions">
      <button type="button" id="test-funds" class="secondary small" disabled={busy || deposits.length === 0} onClick={onAsync(fund)}>
        Get test funds
      </button>
      <span class="muted">Demo money, for trying the exchange.</span>
    </div>
  );
}
