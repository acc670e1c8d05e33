import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { lock as properLock } from 'proper-lockfile';

export interface JournalLockOptions {
  /** A lock not renewed for this long is taken to be left by a dead process (at least 2,000 ms). */
  staleMs?: number;
  /** How often the holder renews its lease (at least 1,000 ms, at most half of `staleMs`). */
  updateMs?: number;
  /**
   * How long to wait for a held or not yet stale lock before giving up (0: fail
   * at once). By default long enough for the lock of a writer that just died to
   * go stale, so a restart after a crash takes over by itself.
   */
  waitMs?: number;
}

type Callback = (error?: NodeJS.ErrnoException | null) => void;

const OWNER = 'owner';
const heldInProcess = new Set<string>();

/**
 * Exactly one writer per journal directory, across processes, containers and
 * within one process.
 *
 * Why proper-lockfile (a lock directory with an mtime lease) and not a pid file
 * or an OS lock: pids say nothing across containers that share a volume (two
 * containers' writers can both be pid 1), and Node has no flock/fcntl without a
 * native addon. The lease also tells a holder that it lost the lock
 * (`onCompromised`), which the journal turns into a failure: it stops
 * acknowledging.
 *
 * proper-lockfile alone has two gaps, closed here through its `fs` option:
 * - taking over a stale lock is "rmdir, then mkdir": two processes that both saw
 *   the dead lock can each remove it, the second removing the first one's fresh
 *   lock, and both win. Here a lock directory is created already holding an
 *   `owner` file with a random token (staged, then renamed into place, so it is
 *   never empty and never half made), and removing one means renaming it aside,
 *   checking its token is the one that was judged stale (or our own, on release)
 *   and putting it back otherwise. The loser of a race gets ELOCKED.
 * - a process whose lock was taken over releases by removing "the" lock
 *   directory, which by then is the new holder's: the token check refuses that
 *   too (proper-lockfile itself skips the release once it has reported the lock
 *   compromised, but not before it has noticed).
 */
export class JournalLock {
  private compromise: Error | undefined;
  private lastRenewal = Date.now();
  private releaseLock: (() => Promise<void>) | undefined;
  /** Set once acquired: from then on the only lock directory this process may remove is its own. */
  private held = false;

  private constructor(
    private readonly dir: string,
    private readonly path: string,
    private readonly token: string,
    private readonly staleMs: number,
  ) {}

  /** Takes the lock of `dir` or throws, naming the directory; `onLost` is told once if it is lost later. */
  static async acquire(dir: string, options: JournalLockOptions, onLost: (error: Error) => void): Promise<JournalLock> {
    if (heldInProcess.has(dir)) throw new Error(`journal ${dir} is already open in this process`);
    heldInProcess.add(dir);
    const staleMs = Math.max(options.staleMs ?? 10_000, 2_000);
    const lock = new JournalLock(dir, join(dir, 'writer.lock'), randomUUID(), staleMs);
    const updateMs = options.updateMs ?? Math.min(2_000, staleMs / 2);
    const waitMs = options.waitMs ?? 2 * staleMs + 1_000;
    try {
      lock.releaseLock = await properLock(dir, {
        lockfilePath: lock.path,
        realpath: false,
        stale: staleMs,
        update: updateMs,
        retries: waitMs > 0 ? { retries: Math.ceil(waitMs / 250), factor: 1, minTimeout: 250, maxTimeout: 250 } : 0,
        fs: lock.ownedFs(),
        onCompromised: (error) => {
          lock.compromise ??= new Error(`journal ${dir} lost its writer lock: ${error.message}`);
          onLost(lock.compromise);
        },
      });
      lock.held = true;
      return lock;
    } catch (error) {
      heldInProcess.delete(dir);
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new Error(`journal ${dir} is locked by another writer`, { cause: error });
      throw error;
    }
  }

  /**
   * Throws unless this process still holds the lock. Cheap while the lease is
   * being renewed; once it has not been renewed for a while (a paused or starved
   * process) it reads the owner token before letting a write through.
   */
  async verify(): Promise<void> {
    if (this.compromise !== undefined) throw this.compromise;
    if (Date.now() - this.lastRenewal < this.staleMs / 2) return;
    const owner = await fs.promises.readFile(join(this.path, OWNER), 'utf8').catch(() => undefined);
    if (owner !== this.token) {
      this.compromise = new Error(`journal ${this.dir} lost its writer lock to another writer`);
      throw this.compromise;
    }
  }

  async release(): Promise<void> {
    const release = this.releaseLock;
    this.releaseLock = undefined;
    if (release === undefined) return;
    heldInProcess.delete(this.dir);
    // After a compromise proper-lockfile has already let go (ERELEASED); the new holder's lock stays.
    try {
      await release();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ERELEASED' && code !== 'ELOCKED') throw error;
    } finally {
      this.held = false;
    }
  }

  /** The `fs` proper-lockfile uses: every lock directory names its owner, and only the expected owner's is ever removed. */
  private ownedFs(): object {
    const token = this.token;
    /** The owner of the lock directory as last looked at, i.e. the one judged stale. */
    let judged: string | undefined;
    const graveOf = (path: string) => `${path}.${token}.removing`;
    const expected = () => (this.held ? token : judged);
    return {
      ...fs,
      mkdir: (path: string, callback: Callback) => {
        const staging = `${path}.${token}.new`;
        const undo = (error: NodeJS.ErrnoException) => fs.rm(staging, { recursive: true, force: true }, () => callback(error));
        fs.mkdir(staging, (error) => {
          if (error) return callback(error);
          fs.writeFile(join(staging, OWNER), token, (error) => {
            if (error) return undo(error);
            fs.rename(staging, path, (error) => {
              if (!error) return callback(null);
              // A non-empty directory is in the way: someone holds the lock (or left it).
              undo(error.code === 'ENOTEMPTY' || error.code === 'EEXIST' ? Object.assign(new Error(`${path} exists`), { code: 'EEXIST' }) : error);
            });
          });
        });
      },
      stat: (path: string, callback: (error: NodeJS.ErrnoException | null, stats?: fs.Stats) => void) => {
        // Owner first, then mtime: if the lock is replaced in between, the mtime is the new one's and it is not stale.
        fs.readFile(join(path, OWNER), 'utf8', (error, owner) => {
          judged = error ? undefined : owner;
          fs.stat(path, callback);
        });
      },
      utimes: (path: string, atime: Date, mtime: Date, callback: Callback) => {
        fs.utimes(path, atime, mtime, (error) => {
          if (!error) this.lastRenewal = Date.now();
          callback(error);
        });
      },
      rmdir: (path: string, callback: Callback) => {
        const want = expected();
        const grave = graveOf(path);
        fs.rename(path, grave, (error) => {
          if (error) return callback(error.code === 'ENOENT' ? null : error);
          fs.readFile(join(grave, OWNER), 'utf8', (readError, owner) => {
            const found = readError ? undefined : owner;
            if (found === want || found === token) return fs.rm(grave, { recursive: true, force: true }, callback);
            // Not the lock we meant to remove: put it back (if someone took the place meanwhile, the displaced holder learns it lost the lock).
            fs.rename(grave, path, (restoreError) => {
              const held = Object.assign(new Error(`${path} is held by another writer`), { code: 'ELOCKED' });
              if (!restoreError) return callback(held);
              fs.rm(grave, { recursive: true, force: true }, () => callback(held));
            });
          });
        });
      },
      // proper-lockfile's exit hook: remove the lock only while it is still ours.
      rmdirSync: (path: string) => {
        const grave = graveOf(path);
        try {
          fs.renameSync(path, grave);
        } catch {
          return;
        }
        let owner: string | undefined;
        try {
          owner = fs.readFileSync(join(grave, OWNER), 'utf8');
        } catch {
          owner = undefined;
        }
        if (owner === token) fs.rmSync(grave, { recursive: true, force: true });
        else fs.renameSync(grave, path);
      },
    };
  }
}
