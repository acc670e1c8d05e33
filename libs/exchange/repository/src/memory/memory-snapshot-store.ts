import { decodeSnapshot, encodeSnapshot, type EngineSnapshot, type SnapshotStore } from '@mosaic/exchange-domain';

/** Snapshots in memory, kept in their encoded form so nothing shares state with the engine that took them. */
export class MemorySnapshotStore implements SnapshotStore {
  private readonly saved: string[] = [];

  async save(snapshot: EngineSnapshot): Promise<void> {
    this.saved.push(encodeSnapshot(snapshot));
  }

  async latest(): Promise<EngineSnapshot | undefined> {
    const last = this.saved[this.saved.length - 1];
    return last === undefined ? undefined : decodeSnapshot(last);
  }

  get count(): number {
    return this.saved.length;
  }
}
