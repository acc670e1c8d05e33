import type { Account } from '../account/account';
import { currencyMismatch, sameAccount } from '../errors/account-errors';
import type { LedgerEntry } from '../ledger/ledger-entry';

export interface TransferLegs {
  readonly debit: LedgerEntry;
  readonly credit: LedgerEntry;
}

/**
 * The transfer domain service: a rule about two aggregates that belongs to neither.
 * Both accounts must differ and hold the same currency; the source must cover the
 * amount. It writes one debit and one credit entry that share the transfer id and sum
 * to zero, so money moves and is never created or lost.
 */
export function transferFunds(input: {
  from: Account;
  to: Account;
  amount: bigint;
  transferId: string;
  entryIds: readonly [string, string];
  at: Date;
}): TransferLegs {
  const { from, to, amount, transferId, at } = input;
  if (from.id === to.id) throw sameAccount();
  if (from.currency.code !== to.currency.code) throw currencyMismatch(from.currency.code, to.currency.code);
  // Checked before the debit, so a refused transfer leaves both accounts untouched.
  to.assertCanCredit(amount);
  const debit = from.debit(amount, { entryId: input.entryIds[0], kind: 'transfer_out', reference: transferId, counterpartyAccountId: to.id, at });
  const credit = to.credit(amount, { entryId: input.entryIds[1], kind: 'transfer_in', reference: transferId, counterpartyAccountId: from.id, at });
  return { debit, credit };
}
