import { toast } from '@mosaic/kit-ui/client';
import { ActionForm } from './action-form';
import { accountApi, accountLabel, type Account } from './account-api';
import { useSubmission } from './use-submission';

interface FormProps {
  accounts: Account[];
  selected: Account;
  onDone: () => void;
}

/** Deposits are for admins and test mode; the API decides and this form shows its answer. */
export function DepositForm({ selected, onDone }: FormProps) {
  const submission = useSubmission((values, key) => accountApi.deposit(values.account ?? '', values.amount ?? '', key));
  return (
    <ActionForm
      id="deposit-form"
      title="Deposit"
      submitId="deposit-submit"
      label="Deposit"
      busyLabel="Depositing…"
      submission={submission}
      onDone={() => {
        toast(`Deposited into ${accountLabel(selected)}`, 'good');
        onDone();
      }}
    >
      <input type="hidden" name="account" value={selected.id} />
      <p class="muted">Into {accountLabel(selected)}. On production servers only administrators deposit.</p>
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
