import { crc32 } from 'node:zlib';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { decodeSnapshot, encodeSnapshot, type EngineSnapshot, type SnapshotStore } from '@mosaic/exchange-domain';

export interface FileSnapshotOptions {
  dir: string;
  /** How many snapshots to keep; older ones are deleted after a save. */
  keep?: number;
  /** Told about a snapshot file that could not be read (recovery falls back to an older one). */
  onCorrupt?: (path: string, error: unknown) => void;
}

/**
 *   8 bytes  magic "MSXSNAP1"
 *   u32 LE   CRC-32 of the payload
 *   u32 LE   payload length high half, u32 LE low half
 *   payload  the encoded snapshot (JSON)
 */
const MAGIC = Buffer.from('MSXSNAP1', 'latin1');
const HEADER = 20;
const NAME = /^snapshot-(\d{20})\.snap$/;
const TWO_32 = 4_294_967_296;

/**
 * Snapshots as files, written atomically (temporary file, fsync, rename, fsync
 * of the directory) so a crash leaves either the old set or the new one. A
 * damaged file is skipped in favour of the next older one.
 */
export class FileSnapshotStore implements SnapshotStore {
  private readonly dir: string;
  private readonly keep: number;

  constructor(private readonly options: FileSnapshotOptions) {
    this.dir = resolve(options.dir);
    this.keep = options.keep ?? 3;
    if (!Number.isInteger(this.keep) || this.keep < 1) throw new RangeError('keep must be a positive integer');
  }

  async save(snapshot: EngineSnapshot): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const payload = Buffer.from(encodeSnapshot(snapshot), 'utf8');
    const header = Buffer.alloc(HEADER);
    MAGIC.copy(header, 0);
    header.writeUInt32LE(crc32(payload), 8);
    header.writeUInt32LE(Math.floor(payload.length / TWO_32), 12);
    header.writeUInt32LE(payload.length % TWO_32, 16);
    const name = `snapshot-${String(snapshot.seq).padStart(20, '0')}.snap`;
    const temporary = join(this.dir, `${name}.${process.pid}.tmp`);
    const handle = await open(temporary, 'w');
    try {
      await handle.writev([header, payload]);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, join(this.dir, name));
    await syncDirectory(this.dir);
    await this.prune();
  }

  async latest(): Promise<EngineSnapshot | undefined> {
    for (const name of (await this.names()).reverse()) {
      const path = join(this.dir, name);
      try {
        return readSnapshot(await readFile(path));
      } catch (error) {
        this.options.onCorrupt?.(path, error);
      }
    }
    return undefined;
  }

  /** Snapshot files, oldest first. */
  private async names(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return entries.filter((name) => NAME.test(name)).sort();
  }

  private async prune(): Promise<void> {
    const names = await this.names();
    for (const name of names.slice(0, Math.max(0, names.length - this.keep))) await rm(join(this.dir, name), { force: true });
    for (const name of await readdir(this.dir)) {
      if (name.endsWith(`.${process.pid}.tmp`)) continue;
      if (name.endsWith('.tmp')) await rm(join(this.dir, name), { force: true });
    }
  }
}

function readSnapshot(data: Buffer): EngineSnapshot {
  if (data.length < HEADER || !data.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a snapshot file');
  const length = data.readUInt32LE(12) * TWO_32 + data.readUInt32LE(16);
  if (data.length !== HEADER + length) throw new Error(`snapshot is ${data.length - HEADER} bytes, header says ${length}`);
  const payload = data.subarray(HEADER);
  if (crc32(payload) !== data.readUInt32LE(8)) throw new Error('snapshot checksum mismatch');
  return decodeSnapshot(payload.toString('utf8'));
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
