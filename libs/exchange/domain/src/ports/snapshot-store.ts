import type { EngineSnapshot } from '../snapshot/engine-snapshot';

/** Where engine snapshots go: restart loads the latest and replays the journal after it. */
export interface SnapshotStore {
  /** Resolves once the snapshot is durable. */
  save(snapshot: EngineSnapshot): Promise<void>;
  /** The newest intact snapshot, if any. */
  latest(): Promise<EngineSnapshot | undefined>;
}
