import { describe, expect, it } from 'vitest';
import { aLoadedAccount, T0 } from '../test-support/account-mother';
import { errorOf } from '../test-support/expect-error';
import { MAX_UNITS } from '../money/amount';
import { transferFunds } from './transfer-funds';

const ids = ['e1', 'e2'] as const;

describe('transferFunds', () => {
  it('debits one account and credits the other with two entries that sum to zero', () => {
    const from = aLoadedAccount({ balance: 1000n });
    const to = aLoadedAccount({ balance: 50n });
    const { debit, credit } = transferFunds({ from, to, amount: 300n, transferId: 't1', entryIds: ids, at: T0, eventId: 'ev-1' });
    expect(from.balance).toBe(700n);
    expect(to.balance).toBe(350n);
    expect(debit).toMatchObject({ id: 'e1', accountId: from.id, kind: 'transfer_out', amount: -300n, reference: 't1', counterpartyAccountId: to.id });
    expect(credit).toMatchObject({ id: 'e2', accountId: to.id, kind: 'transfer_in', amount: 300n, reference: 't1', counterpartyAccountId: from.id });
    expect(debit.amount + credit.amount).toBe(0n);
  });

  it('refuses a transfer to the same account: same_account', () => {
    const account = aLoadedAccount({ balance: 1000n });
    const error = errorOf(() => transferFunds({ from: account, to: account, amount: 1n, transferId: 't', entryIds: ids, at: T0, eventId: 'ev-1' }));
    expect(error.code).toBe('same_account');
    expect(error.status).toBe(400);
  });

  it('refuses accounts of different currencies: currency_mismatch', () => {
    const from = aLoadedAccount({ balance: 1000n, currency: 'USD' });
    const to = aLoadedAccount({ currency: 'CNY' });
    const error = errorOf(() => transferFunds({ from, to, amount: 1n, transferId: 't', entryIds: ids, at: T0, eventId: 'ev-1' }));
    expect(error.code).toBe('currency_mismatch');
    expect(error.status).toBe(422);
    expect(from.balance).toBe(1000n);
  });

  it('leaves both accounts untouched when either side refuses', () => {
    const poor = aLoadedAccount({ balance: 10n });
    const to = aLoadedAccount();
    expect(errorOf(() => transferFunds({ from: poor, to, amount: 11n, transferId: 't', entryIds: ids, at: T0, eventId: 'ev-1' })).code).toBe(
      'insufficient_funds',
    );
    const rich = aLoadedAccount({ balance: 10n });
    const full = aLoadedAccount({ balance: MAX_UNITS });
    expect(errorOf(() => transferFunds({ from: rich, to: full, amount: 1n, transferId: 't', entryIds: ids, at: T0, eventId: 'ev-1' })).code).toBe(
      'balance_limit_exceeded',
    );
    for (const account of [poor, to, rich, full]) expect(account.changes().isEmpty).toBe(true);
  });
});
