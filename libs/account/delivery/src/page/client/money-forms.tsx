import { toast } from '@mosaic/kit-ui/client';
import { ActionForm } from './action-form';
import { accountApi, accountLabel, type Account } from './account-api';
import { useSubmission } from './use-submission';

interface FormProps {
  accounts: Account[];
  selected: Account;
  onDone: () => void;
}

/** Who may put money in: the API's rule (admins anywhere, owners in test mode), so the page offers only what will be granted. */
export interface DepositRights {
  admin: boolean;
  testMode: boolean;
}

/**
 * Money in. An admin credits any account by its number (the selected one by default);
 * in test mode an owner credits the selected account; anyone else is told who deposits.
 */
export function DepositForm({ selected, onDone, rights }: FormProps & { rights: DepositRights }) {
  const submission = useSubmission((values, key) => accountApi.deposit(values.account ?? '', values.amount ?? '', key));
  if (!rights.admin && !rights.testMode) {
    return (
      <section class="card" id="deposit-admin-only">
        <h3>Deposit</h3>
        <p class="muted">Money arrives by an administrator's deposit. Ask one to credit account #{selected.id}, or receive a transfer.</p>
      </section>
    );
  }
  return (
    <ActionForm
      id="deposit-form"
      title={rights.admin ? 'Deposit (administrator)' : 'Deposit (test mode)'}
      submitId="deposit-submit"
      label="Deposit"
      busyLabel="Depositing…"
      submission={submission}
      onDone={() => {
        toast('Deposit done', 'good');
        onDone();
      }}
    >
      {rights.admin ? (
        <>
          <label for="deposit-account">Into account</label>
          {/* Keyed by the selection, so choosing another tile (or a reset) starts from it again. */}
          <input key={selected.id} id="deposit-account" name="account" inputmode="numeric" autocomplete="off" defaultValue={selected.id} required />
          <p class="muted">As an administrator you may credit any account by its number.</p>
        </>
      ) : (
        <>
          <input type="hidden" name="account" value={selected.id} />
          <p class="muted">Into {accountLabel(selected)}. Test mode: owners deposit into their own accounts.</p>
        </>
      )}
      <label for="deposit-amount">Amount ({selected.currency})</label>
      <input id="deposit-amount" name="amount" inputmode="decimal" autocomplete="off" placeholder="100.00" required />
    </ActionForm>
  );
}

/** A transfer from the selected account to any account id (same currency). */
export function TransferForm({ accounts, selected, onDone }: FormProps) {
  const submission = useSubmission((values, key) => accountApi.transfer(values.from ?? '', values.to ?? '', values.amount ?? '', key));
  const others = accounts.filter((a) => a.id !== selected.id && a.currency === selected.currency);
  return (
    <ActionForm
      id="transfer-form"
      title="Transfer"
      submitId="transfer-submit"
      label="Transfer"
      busyLabel="Sending…"
      submission={submission}
      onDone={() => {
        toast('Transfer done', 'good');
        onDone();
      }}
    >
      {/* In the form's values, so a retry's key is kept only for the very same transfer. */}
      <input type="hidden" name="from" value={selected.id} />
      <p class="muted">
        From {accountLabel(selected)}, balance {selected.balance}.
      </p>
      <label for="transfer-to">To account</label>
      <input id="transfer-to" name="to" list="own-accounts" inputmode="numeric" autocomplete="off" placeholder="Account number" required />
      <datalist id="own-accounts">
        {others.map((a) => (
          <option key={a.id} value={a.id}>
            {accountLabel(a)}
          </option>
        ))}
      </datalist>
      <label for="transfer-amount">Amount ({selected.currency})</label>
      <input id="transfer-amount" name="amount" inputmode="decimal" autocomplete="off" placeholder="25.00" required />
    </ActionForm>
  );
}

/** Opens an account in one of the currencies the server supports. */
export function OpenAccountForm({ currencies, onOpened }: { currencies: string[]; onOpened: (account: Account) => void }) {
  const submission = useSubmission((values) => accountApi.open(values.currency ?? ''));
  return (
    <ActionForm
      id="open-account-form"
      title="Open an account"
      submitId="open-submit"
      label="Open account"
      busyLabel="Opening…"
      submission={submission}
      onDone={(account) => {
        toast(`Opened a ${account.currency} account`, 'good');
        onOpened(account);
      }}
    >
      <label for="open-currency">Currency</label>
      <select id="open-currency" name="currency">
        {currencies.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </select>
    </ActionForm>
  );
}
