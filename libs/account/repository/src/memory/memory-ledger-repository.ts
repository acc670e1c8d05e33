import type { LedgerEntry, LedgerPage, LedgerRepository } from '@mosaic/account-domain';
import { compareIds } from '@mosaic/kit-core';
import type { MemoryAccountDatabase } from './memory-account-database';

/** Reads committed ledger entries; AccountRepository.save writes them. */
export class MemoryLedgerRepository implements LedgerRepository {
  constructor(private readonly db: MemoryAccountDatabase) {}

  async page(accountId: string, options: { before?: string; limit: number }): Promise<LedgerPage> {
    const entries = this.db.ledger.get(accountId) ?? [];
    // Ascending by id: the page ends just below the cursor and runs backwards.
    let end = entries.length;
    if (options.before !== undefined) {
      const before = options.before;
      end = lowerBound(entries, (entry) => compareIds(entry.id, before) >= 0);
    }
    const start = Math.max(0, end - options.limit);
    const page = entries.slice(start, end).reverse();
    const last = page[page.length - 1];
    return { entries: page, nextCursor: start > 0 && last ? last.id : null };
  }

  async sumFor(accountId: string): Promise<bigint> {
    return (this.db.ledger.get(accountId) ?? []).reduce((sum, entry) => sum + entry.amount, 0n);
  }

  async byReference(reference: string): Promise<LedgerEntry[]> {
    return [...(this.db.ledgerByReference.get(reference) ?? [])].sort((a, b) => compareIds(a.id, b.id));
  }
}

/** The first index whose entry satisfies `atOrAfter` (entries are sorted, so it is monotone). */
function lowerBound(entries: readonly LedgerEntry[], atOrAfter: (entry: LedgerEntry) => boolean): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (atOrAfter(entries[middle] as LedgerEntry)) high = middle;
    else low = middle + 1;
  }
  return low;
}
