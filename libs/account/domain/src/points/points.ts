import { VersionedAggregate } from '@mosaic/kit-core';
import type { Account } from '../account/account';
import { pointsOpened, pointsPurchased, type EventStamp } from '../events/account-events';
import type { DomainEvent } from '../events/domain-event';
import type { Posting } from '../ledger/ledger-entry';
import { insufficientPoints, pointsLimitExceeded } from '../errors/account-errors';
import { MAX_UNITS } from '../money/amount';

export interface PointsSnapshot {
  readonly id: string;
  readonly ownerId: string;
  readonly points: bigint;
  readonly version: number;
  readonly createdAt: Date;
}

export interface PointsChanges {
  readonly isNew: boolean;
  readonly expectedVersion: number;
  readonly points?: bigint;
  readonly isEmpty: boolean;
}

/**
 * The loyalty points aggregate: a separate root from Account, so buying points with
 * money is a change to two aggregates that only a unit of work makes atomic.
 */
export class Points extends VersionedAggregate<DomainEvent> {
  private balance: bigint;
  private loaded: PointsSnapshot | null;

  private constructor(
    readonly id: string,
    ownerId: string,
    readonly createdAt: Date,
    balance: bigint,
    version: number,
    loaded: PointsSnapshot | null,
  ) {
    super({ version, ownerId });
    this.balance = balance;
    this.loaded = loaded;
  }

  static open(input: { id: string; ownerId: string; now: Date }, stamp: EventStamp): Points {
    const points = new Points(input.id, input.ownerId, input.now, 0n, 0, null);
    points.record(pointsOpened(stamp, points));
    return points;
  }

  static restore(snapshot: PointsSnapshot): Points {
    return new Points(snapshot.id, snapshot.ownerId, snapshot.createdAt, snapshot.points, snapshot.version, snapshot);
  }

  get points(): bigint {
    return this.balance;
  }

  addPoints(count: bigint): void {
    assertPositive(count);
    if (this.balance + count > MAX_UNITS) throw pointsLimitExceeded(this.id);
    this.balance += count;
  }

  /**
   * Buys points with money from `account`: the points are added and the account
   * debited (one ledger entry, its reference the purchase id), and the purchase is
   * recorded here. @returns the points bought.
   */
  buyWith(account: Account, paid: bigint, posting: Posting<'points_purchase'>, stamp: EventStamp): bigint {
    const bought = pointsForPayment(paid);
    this.addPoints(bought);
    account.debit(paid, posting);
    this.record(pointsPurchased(stamp, posting.reference, account, this, paid, bought));
    return bought;
  }

  spendPoints(count: bigint): void {
    assertPositive(count);
    if (this.balance < count) throw insufficientPoints(this.id);
    this.balance -= count;
  }

  snapshot(): PointsSnapshot {
    return { id: this.id, ownerId: this.ownerId, points: this.balance, version: this.version, createdAt: this.createdAt };
  }

  changes(): PointsChanges {
    if (!this.loaded) return { isNew: true, expectedVersion: 0, points: this.balance, isEmpty: false };
    const changed = this.loaded.points !== this.balance;
    return { isNew: false, expectedVersion: this.loaded.version, ...(changed ? { points: this.balance } : {}), isEmpty: !changed };
  }

  protected override afterSave(): void {
    this.loaded = this.snapshot();
  }
}

/** One point per minor unit paid, whatever the currency: 10.00 USD buys 1,000 points. */
export const POINTS_PER_MINOR_UNIT = 1n;

export function pointsForPayment(amount: bigint): bigint {
  return amount * POINTS_PER_MINOR_UNIT;
}

function assertPositive(count: bigint): void {
  if (typeof count !== 'bigint' || count <= 0n) throw new RangeError(`point counts are positive bigints, got ${String(count)}`);
}
