import type { Account } from '../account/account';
import type { LedgerEntry } from '../ledger/ledger-entry';

export interface TransferLegs {
  readonly debit: LedgerEntry;
  readonly credit: LedgerEntry;
}

/**
 * The transfer domain service: a rule about two aggregates that belongs to neither.
 * Both accounts must differ and hold the same currency; the source must cover the
 * amount. It writes one debit and one credit entry that share the transfer id and sum
 * to zero, so money moves and is never created or lost; the source account records
 * `account.transferred` with `eventId`.
 */
export function transferFunds(input: {
  from: Account;
  to: Account;
  amount: bigint;
  transferId: string;
  entryIds: readonly [string, string];
  at: Date;
  eventId: string;
}): TransferLegs {
  return input.from.transferTo(input.to, input.amount, input, { id: input.eventId, at: input.at });
}
