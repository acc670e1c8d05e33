import type { CachedLink, Link, LinkCache } from '@mosaic/urlshortener-domain';
import type { MemoryLinkCache } from '../memory/memory-link-cache';

/**
 * Process memory in front of a shared cache. Hot links are served from memory
 * without awaiting anything; the shared tier spares the database when a process
 * starts cold or holds a link no longer. Memory entries should live briefly: a
 * link deleted through another process keeps redirecting here until its memory
 * entry expires.
 */
export class TieredLinkCache implements LinkCache {
  constructor(
    private readonly local: MemoryLinkCache,
    private readonly shared: LinkCache,
  ) {}

  peek(code: string): CachedLink | undefined {
    return this.local.peek(code);
  }

  async get(code: string): Promise<CachedLink | undefined> {
    const local = this.local.peek(code);
    if (local !== undefined) return local;
    const shared = await this.shared.get(code);
    if (shared !== undefined) this.local.fillNow(code, shared);
    return shared;
  }

  async fill(code: string, found: CachedLink): Promise<void> {
    this.local.fillNow(code, found);
    await this.shared.fill(code, found);
  }

  async put(link: Link): Promise<void> {
    this.local.putNow(link);
    await this.shared.put(link);
  }

  async putMissing(code: string): Promise<void> {
    this.local.putMissingNow(code);
    await this.shared.putMissing(code);
  }
}
