import { describeSnapshotStoreContract } from '../test-support/snapshot-store-contract';
import { MemorySnapshotStore } from './memory-snapshot-store';

describeSnapshotStoreContract('memory', () => ({ store: new MemorySnapshotStore() }));
