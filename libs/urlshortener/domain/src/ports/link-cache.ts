import type { Link } from '../link/link';

/**
 * What a cache knows about a code: the link, `null` when the code is known not to
 * exist (the negative cache that keeps junk codes off the database), or `undefined`
 * when it knows nothing.
 */
export type CachedLink = Link | null;

/**
 * The redirect's fast path. Writes come in two strengths so a slow reader can never
 * undo a newer write: `fill` (after reading the repository) only adds what is
 * missing, while `put` and `putMissing` (after creating or deleting) overwrite.
 */
export interface LinkCache {
  /**
   * What this process holds in memory, answered synchronously so a hot link is
   * served without waiting on anything. Never does I/O; undefined when not held.
   */
  peek(code: string): CachedLink | undefined;
  get(code: string): Promise<CachedLink | undefined>;
  /** Remembers what the repository said, unless the cache already holds an entry for the code. */
  fill(code: string, found: CachedLink): Promise<void>;
  /** A link that was just created; replaces a negative entry for its code. */
  put(link: Link): Promise<void>;
  /** A code that was just deleted; replaces the cached link. */
  putMissing(code: string): Promise<void>;
}
