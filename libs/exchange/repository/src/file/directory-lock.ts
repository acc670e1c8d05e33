import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One writer per journal directory. The LOCK file names the holder's pid; a lock
 * left by a process that no longer exists (a crash) is taken over.
 */
export class DirectoryLock {
  private static readonly held = new Set<string>();

  private constructor(private readonly dir: string) {}

  static async acquire(dir: string): Promise<DirectoryLock> {
    if (DirectoryLock.held.has(dir)) throw new Error(`${dir} is already open in this process`);
    const path = join(dir, 'LOCK');
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(path, 'utf8')).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new Error(`${dir} is locked by running process ${holder}`);
      }
      await writeFile(path, String(process.pid));
    }
    DirectoryLock.held.add(dir);
    return new DirectoryLock(dir);
  }

  async release(): Promise<void> {
    if (!DirectoryLock.held.delete(this.dir)) return;
    await rm(join(this.dir, 'LOCK'), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
