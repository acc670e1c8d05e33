import { describe, expect, it } from 'vitest';
import { VersionedAggregate } from './versioned-aggregate';

type CounterEvent = { readonly type: 'counted'; readonly by: number };

class Counter extends VersionedAggregate<CounterEvent> {
  savedTotals: number[] = [];
  total = 0;

  constructor(version: number, ownerId: string) {
    super({ version, ownerId });
  }

  add(by: number): void {
    this.total += by;
    this.record({ type: 'counted', by });
  }

  protected override afterSave(): void {
    this.savedTotals.push(this.total);
  }
}

class Stream extends VersionedAggregate<CounterEvent, null> {
  constructor(version: number) {
    super({ version, ownerId: null });
  }

  step(): void {
    this.record({ type: 'counted', by: 1 });
  }

  protected override versionAfterSave(): number {
    return super.versionAfterSave() - 1 + this.pendingEvents.length;
  }
}

describe('VersionedAggregate', () => {
  it('is new at version 0 and keeps its events until they are pulled', () => {
    const counter = new Counter(0, 'alice');
    counter.add(2);
    counter.add(3);
    expect([counter.isNew, counter.version]).toEqual([true, 0]);
    expect(counter.pendingEvents).toEqual([
      { type: 'counted', by: 2 },
      { type: 'counted', by: 3 },
    ]);
    expect(counter.pullEvents()).toHaveLength(2);
    expect(counter.pullEvents()).toEqual([]);
  });

  it('moves one version per save, spends the events and lets the subclass reset its tracking', () => {
    const counter = new Counter(4, 'alice');
    counter.add(1);
    counter.markSaved();
    expect([counter.isNew, counter.version, counter.pendingEvents, counter.savedTotals]).toEqual([false, 5, [], [1]]);
  });

  it('lets an event-sourced aggregate count one version per stored event', () => {
    const stream = new Stream(2);
    stream.step();
    stream.step();
    stream.markSaved();
    expect(stream.version).toBe(4);
  });

  it('is owned by its owner only, and an aggregate without an owner by nobody', () => {
    const counter = new Counter(1, 'alice');
    expect([counter.ownerId, counter.isOwnedBy('alice'), counter.isOwnedBy('bob')]).toEqual(['alice', true, false]);
    expect(new Stream(1).isOwnedBy('')).toBe(false);
  });
});
