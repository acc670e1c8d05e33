import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeSnapshotStoreContract, engineAt } from '../test-support/snapshot-store-contract';
import { FileSnapshotStore } from './file-snapshot-store';

describeSnapshotStoreContract('file', () => {
  const dir = join(tmpdir(), `exchange-snapshots-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return { store: new FileSnapshotStore({ dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('FileSnapshotStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exchange-snapshots-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps only the newest snapshots and no temporary files', async () => {
    const store = new FileSnapshotStore({ dir, keep: 2 });
    for (const extra of [1, 2, 3, 4]) await store.save(engineAt(extra).snapshot());
    expect((await readdir(dir)).sort()).toEqual(['snapshot-00000000000000000006.snap', 'snapshot-00000000000000000007.snap']);
  });

  it('falls back to the previous snapshot when the newest is damaged', async () => {
    const corrupt: string[] = [];
    const store = new FileSnapshotStore({ dir, onCorrupt: (path) => corrupt.push(path) });
    await store.save(engineAt(1).snapshot());
    await store.save(engineAt(2).snapshot());
    const newest = join(dir, 'snapshot-00000000000000000005.snap');
    const data = await readFile(newest);
    data[data.length - 10] ^= 0x01;
    await writeFile(newest, data);
    expect((await store.latest())?.seq).toBe(4);
    expect(corrupt).toEqual([newest]);
  });

  it('ignores a snapshot cut short by a crash', async () => {
    const store = new FileSnapshotStore({ dir });
    await store.save(engineAt(1).snapshot());
    await writeFile(join(dir, 'snapshot-00000000000000000009.snap'), 'MSXSNAP1');
    expect((await store.latest())?.seq).toBe(4);
  });

  it('has nothing when its directory does not exist yet', async () => {
    expect(await new FileSnapshotStore({ dir: join(dir, 'missing') }).latest()).toBeUndefined();
  });
});
