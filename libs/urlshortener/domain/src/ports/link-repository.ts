import type { Link } from '../link/link';

export type InsertOutcome = 'inserted' | 'code_taken';

/**
 * Where links live for good. A deleted link is invisible to `findByCode` but its
 * code stays taken forever, so nobody can re-point a short link people already
 * shared. Expiry is not the repository's business: it returns expired links and
 * the use cases decide.
 */
export interface LinkRepository {
  /** Stores a new link unless its code is taken (by a live, expired or deleted link). Atomic. */
  insert(link: Link): Promise<InsertOutcome>;
  /** The link with this exact code (case-sensitive), unless it was deleted. */
  findByCode(code: string): Promise<Link | undefined>;
  /** Marks the link deleted; false when no live link has this code (never existed or already deleted). */
  delete(code: string, deletedAt: Date): Promise<boolean>;
}
