import type { InsertOutcome, Link, LinkRepository } from '@mosaic/urlshortener-domain';

interface StoredLink {
  readonly link: Link;
  deletedAt: Date | null;
}

/** Links in this process's memory: the embedded default and the fast test double. */
export class MemoryLinkRepository implements LinkRepository {
  private readonly rows = new Map<string, StoredLink>();

  async insert(link: Link): Promise<InsertOutcome> {
    const code = link.code.value;
    if (this.rows.has(code)) return 'code_taken';
    this.rows.set(code, { link, deletedAt: null });
    return 'inserted';
  }

  async findByCode(code: string): Promise<Link | undefined> {
    const row = this.rows.get(code);
    return row && row.deletedAt === null ? row.link : undefined;
  }

  async delete(code: string, deletedAt: Date): Promise<boolean> {
    const row = this.rows.get(code);
    if (!row || row.deletedAt !== null) return false;
    row.deletedAt = deletedAt;
    return true;
  }

  /** Every stored code, deleted ones included: lets tests prove bad input stored nothing. */
  get size(): number {
    return this.rows.size;
  }
}
