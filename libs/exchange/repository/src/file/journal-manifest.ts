import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDirectory } from './segment-file';

/**
 * What the journal knows about itself beyond its segment files: the first
 * segment it still keeps and the last one it started. Rewritten atomically
 * when a segment is started or old ones are discarded, so losing the newest
 * segment file (or the oldest ones) is detected instead of silently ending
 * the journal early.
 */
export interface JournalManifest {
  format: 1;
  firstSegment: number;
  lastSegment: number;
}

const NAME = 'journal.manifest';

export async function readManifest(dir: string): Promise<JournalManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, NAME), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new Error(`${join(dir, NAME)} is damaged`, { cause: error });
  }
  const manifest = body as Partial<JournalManifest>;
  if (manifest.format !== 1 || !Number.isSafeInteger(manifest.firstSegment) || !Number.isSafeInteger(manifest.lastSegment)) {
    throw new Error(`${join(dir, NAME)} is not a journal manifest this version reads`);
  }
  return manifest as JournalManifest;
}

export async function writeManifest(dir: string, manifest: JournalManifest): Promise<void> {
  const path = join(dir, NAME);
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(JSON.stringify(manifest));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDirectory(dir);
}
