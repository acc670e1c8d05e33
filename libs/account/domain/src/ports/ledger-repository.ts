import type { LedgerEntry, LedgerPage } from '../ledger/ledger-entry';

/**
 * Reads the ledger. Entries are written by AccountRepository.save together with the
 * balance they explain, so the two can never disagree; this port only reads them.
 */
export interface LedgerRepository {
  /** Newest first; `before` is an entry id (the previous page's `nextCursor`). */
  page(accountId: string, options: { before?: string; limit: number }): Promise<LedgerPage>;
  /** The sum of every entry of the account: equal to its balance, always. */
  sumFor(accountId: string): Promise<bigint>;
  /** Every entry of a reference (e.g. both legs of a transfer), oldest first. */
  byReference(reference: string): Promise<LedgerEntry[]>;
}
