import type { AccountSnapshot, DomainEvent, IdempotencyRecord, LedgerEntry, PointsSnapshot } from '@mosaic/account-domain';
import { compareIds } from '@mosaic/kit-core';
import { MemoryOutboxLog } from '@mosaic/kit-outbox';
import { AsyncMutex } from './async-mutex';

/**
 * The committed state of the in-memory backend, shared by its repositories and its
 * unit of work. Units of work run one at a time under `writeLock` and apply their
 * staged writes here in one synchronous step; readers outside a unit of work see
 * only what was applied.
 */
export class MemoryAccountDatabase {
  readonly writeLock = new AsyncMutex();
  readonly accounts = new Map<string, AccountSnapshot>();
  readonly points = new Map<string, PointsSnapshot>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  /** Per account, ascending by entry id. */
  readonly ledger = new Map<string, LedgerEntry[]>();
  readonly ledgerByReference = new Map<string, LedgerEntry[]>();
  readonly accountsByOwner = new Map<string, string[]>();
  readonly pointsByOwner = new Map<string, string[]>();
  readonly outbox = new MemoryOutboxLog<DomainEvent>();

  appendLedger(entries: readonly LedgerEntry[]): void {
    for (const entry of entries) {
      insertSorted(listIn(this.ledger, entry.accountId), entry);
      listIn(this.ledgerByReference, entry.reference).push(entry);
    }
  }

  indexOwner(index: Map<string, string[]>, ownerId: string, id: string): void {
    insertSortedId(listIn(index, ownerId), id);
  }
}

export const idempotencyKeyOf = (userId: string, key: string) => `${userId}\u0000${key}`;

function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function insertSorted(entries: LedgerEntry[], entry: LedgerEntry): void {
  // Ids are time-ordered, so this is an append unless a clock stepped back.
  let index = entries.length;
  while (index > 0 && compareIds((entries[index - 1] as LedgerEntry).id, entry.id) > 0) index--;
  entries.splice(index, 0, entry);
}

function insertSortedId(ids: string[], id: string): void {
  let index = ids.length;
  while (index > 0 && compareIds(ids[index - 1] as string, id) > 0) index--;
  ids.splice(index, 0, id);
}
