const DELETED = Symbol('deleted');

/**
 * A transaction's view of a committed map: reads see its own writes first, writes stay
 * here until `apply` copies them over in one synchronous step (so no other async work
 * ever sees half of them), and dropping the object discards them.
 */
export class StagedMap<K, V> {
  private readonly writes = new Map<K, V | typeof DELETED>();

  constructor(private readonly committed: Map<K, V>) {}

  get(key: K): V | undefined {
    if (this.writes.has(key)) {
      const value = this.writes.get(key);
      return value === DELETED ? undefined : (value as V);
    }
    return this.committed.get(key);
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): void {
    this.writes.set(key, value);
  }

  delete(key: K): void {
    this.writes.set(key, DELETED);
  }

  /** Written keys and their new values (undefined when deleted). */
  *changes(): IterableIterator<[K, V | undefined]> {
    for (const [key, value] of this.writes) yield [key, value === DELETED ? undefined : (value as V)];
  }

  apply(): void {
    for (const [key, value] of this.writes) {
      if (value === DELETED) this.committed.delete(key);
      else this.committed.set(key, value as V);
    }
  }
}
