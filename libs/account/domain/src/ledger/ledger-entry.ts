/** Why a balance moved. Debits and credits have distinct kinds, so a statement reads without signs. */
export type DebitKind = 'withdrawal' | 'transfer_out' | 'points_purchase';
export type CreditKind = 'deposit' | 'transfer_in';
export type LedgerEntryKind = DebitKind | CreditKind;

export const DEBIT_KINDS: readonly DebitKind[] = ['withdrawal', 'transfer_out', 'points_purchase'];
export const CREDIT_KINDS: readonly CreditKind[] = ['deposit', 'transfer_in'];

/**
 * One balance change, immutable once written. `amount` is signed minor units (debits
 * negative), so an account's balance is the sum of its entries; a transfer writes two
 * entries sharing a `reference` that sum to zero (double entry).
 */
export interface LedgerEntry {
  readonly id: string;
  readonly accountId: string;
  readonly kind: LedgerEntryKind;
  readonly amount: bigint;
  readonly balanceAfter: bigint;
  /** The operation that caused it: the transfer, deposit, withdrawal or purchase id. */
  readonly reference: string;
  /** The other account of a transfer; null otherwise. */
  readonly counterpartyAccountId: string | null;
  readonly createdAt: Date;
}

/** What the caller of `debit`/`credit` says about the movement; the account fills in amounts. */
export interface Posting<Kind extends LedgerEntryKind = LedgerEntryKind> {
  readonly entryId: string;
  readonly kind: Kind;
  readonly reference: string;
  readonly counterpartyAccountId?: string | null;
  readonly at: Date;
}

export interface LedgerPage {
  readonly entries: readonly LedgerEntry[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}
