import { describeError, session, signInHref, startPage, type User } from '@mosaic/kit-ui/client';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { accountApi, accountLabel, type Account } from './account-api';
import { LedgerPanel } from './ledger-panel';
import { DepositForm, OpenAccountForm, TransferForm, type DepositRights } from './money-forms';
import { PointsPanel } from './points-panel';
import './account-page.css';

/** The account page: balances, open, deposit, transfer, ledger and points for the signed-in user. */
function AccountPage({ currencies, testMode }: { currencies: string[]; testMode: boolean }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => session.subscribe(setUser), []);
  if (user === undefined) return <p class="muted">Loading…</p>;
  if (user === null) {
    return (
      <section class="card narrow center" id="signed-out">
        <h2>Sign in to see your accounts</h2>
        <p class="muted">Accounts, transfers and points belong to a Mosaic account.</p>
        <div class="actions">
          <a class="button" href={signInHref() ?? '/'}>
            Sign in or create an account
          </a>
        </div>
      </section>
    );
  }
  return <Accounts currencies={currencies} rights={{ admin: user.roles?.includes('admin') ?? false, testMode }} />;
}

function Accounts({ currencies, rights }: { currencies: string[]; rights: DepositRights }) {
  const [accounts, setAccounts] = useState<Account[] | undefined>(undefined);
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState('');

  const refresh = () => setVersion((v) => v + 1);
  useEffect(() => {
    accountApi
      .list()
      .then((list) => {
        setAccounts(list);
        setSelectedId((id) => (id && list.some((a) => a.id === id) ? id : list[0]?.id));
      })
      .catch((failure: unknown) => setError(describeError(failure)));
  }, [version]);

  const selected = accounts?.find((a) => a.id === selectedId);
  return (
    <>
      <section class="page-head">
        <h1>Accounts</h1>
        <p class="lead">Balances, transfers and points. Money never appears or disappears: every move is two ledger entries.</p>
      </section>
      <p class="form-error" role="alert">
        {error}
      </p>
      <section aria-label="Your accounts" class="grid" id="account-list">
        {accounts?.map((account) => (
          <button
            type="button"
            key={account.id}
            class={`card account-tile${account.id === selectedId ? ' selected' : ''}`}
            aria-pressed={account.id === selectedId}
            data-account-id={account.id}
            onClick={() => setSelectedId(account.id)}
          >
            <span class="badge">{account.currency}</span>
            <span class="amount big balance">{account.balance}</span>
            <span class="muted mono">#{account.id}</span>
          </button>
        ))}
        <OpenAccountForm
          currencies={currencies}
          onOpened={(account) => {
            setSelectedId(account.id);
            refresh();
          }}
        />
      </section>
      {selected && accounts && (
        <>
          <section class="section grid" aria-label={`Move money with ${accountLabel(selected)}`}>
            <DepositForm accounts={accounts} selected={selected} onDone={refresh} rights={rights} />
            <TransferForm accounts={accounts} selected={selected} onDone={refresh} />
          </section>
          <LedgerPanel account={selected} version={version} />
        </>
      )}
      {accounts && <PointsPanel accounts={accounts} version={version} onDone={refresh} />}
    </>
  );
}

startPage();
const root = document.getElementById('account-app');
if (root) render(<AccountPage currencies={(root.dataset.currencies ?? 'USD').split(',')} testMode={root.dataset.testDeposits === 'true'} />, root);
