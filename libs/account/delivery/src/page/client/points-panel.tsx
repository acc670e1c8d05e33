import { describeError, toast } from '@mosaic/kit-ui/client';
import { useEffect, useState } from 'preact/hooks';
import { accountApi, accountLabel, type Account, type PointsAccount } from './account-api';
import { ActionForm } from './action-form';
import { useSubmission } from './use-submission';

/** Points: open a points account, buy points with money from an account. */
export function PointsPanel({ accounts, version, onDone }: { accounts: Account[]; version: number; onDone: () => void }) {
  const [points, setPoints] = useState<PointsAccount[] | undefined>(undefined);
  const [error, setError] = useState('');
  const [opening, setOpening] = useState(false);
  const purchase = useSubmission((values, key) => accountApi.purchase(values.accountId ?? '', values.pointsId ?? '', values.amount ?? '', key));

  const load = () =>
    accountApi
      .points()
      .then(setPoints)
      .catch((failure: unknown) => setError(describeError(failure)));
  useEffect(() => void load(), [version]);

  const open = async () => {
    setOpening(true);
    setError('');
    try {
      await accountApi.openPoints();
      toast('Points account opened', 'good');
      await load();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setOpening(false);
    }
  };

  return (
    <section class="section" id="points" aria-labelledby="points-title">
      <h2 id="points-title">Points</h2>
      <div class="grid">
        <div class="card">
          {points === undefined && !error && <p class="muted">Loading…</p>}
          {points?.length === 0 && <p class="muted">No points account yet.</p>}
          {points?.map((p) => (
            <p key={p.id}>
              <span class="amount big" id={`points-${p.id}`}>
                {p.points}
              </span>{' '}
              points <span class="muted mono">#{p.id}</span>
            </p>
          ))}
          <p class="form-error" role="alert">
            {error}
          </p>
          {points?.length === 0 && (
            <div class="actions">
              <button type="button" id="points-open" disabled={opening} onClick={() => void open()}>
                Open a points account
              </button>
            </div>
          )}
        </div>
        {points && points.length > 0 && accounts.length > 0 && (
          <ActionForm
            id="purchase-form"
            title="Buy points"
            submitId="purchase-submit"
            label="Buy points"
            busyLabel="Buying…"
            submission={purchase}
            onDone={(bought) => {
              toast(`Bought ${bought.points} points`, 'good');
              onDone();
            }}
          >
            <input type="hidden" name="pointsId" value={points[0]?.id ?? ''} />
            <label for="purchase-account">Pay from</label>
            <select id="purchase-account" name="accountId">
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {accountLabel(a)} — {a.balance}
                </option>
              ))}
            </select>
            <label for="purchase-amount">Amount</label>
            <input id="purchase-amount" name="amount" inputmode="decimal" autocomplete="off" placeholder="10.00" required />
          </ActionForm>
        )}
      </div>
    </section>
  );
}
