import type { AccountSnapshot, DomainEvent, IdempotencyRecord, LedgerEntry, PointsSnapshot } from '@mosaic/account-domain';
import type { MemoryAccountDatabase } from './memory-account-database';
import { StagedMap } from './staged-map';

/**
 * The writes of one in-memory unit of work, kept apart from the committed state until
 * `commit` applies all of them at once. Dropping the object is the rollback.
 */
export class MemoryTransaction {
  readonly accounts: StagedMap<string, AccountSnapshot>;
  readonly points: StagedMap<string, PointsSnapshot>;
  readonly idempotency: StagedMap<string, IdempotencyRecord>;
  readonly ledger: LedgerEntry[] = [];
  readonly events: DomainEvent[] = [];

  constructor(readonly db: MemoryAccountDatabase) {
    this.accounts = new StagedMap(db.accounts);
    this.points = new StagedMap(db.points);
    this.idempotency = new StagedMap(db.idempotency);
  }

  /** Synchronous on purpose: nothing else runs between the first write applied and the last. */
  commit(): void {
    const { db } = this;
    for (const [id, snapshot] of this.accounts.changes()) if (snapshot && !db.accounts.has(id)) db.indexOwner(db.accountsByOwner, snapshot.ownerId, id);
    for (const [id, snapshot] of this.points.changes()) if (snapshot && !db.points.has(id)) db.indexOwner(db.pointsByOwner, snapshot.ownerId, id);
    this.accounts.apply();
    this.points.apply();
    this.idempotency.apply();
    db.appendLedger(this.ledger);
    db.outbox.append(this.events);
  }
}
