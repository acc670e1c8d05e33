import type { Clock } from '@mosaic/kit-core';
import { ShortCode, type CachedLink, type Link, type LinkCache, type LinkRepository } from '@mosaic/urlshortener-domain';
import type { ClickBuffer } from '../shared/click-buffer';
import type { ErrorReporter } from '../shared/error-reporter';

export interface ResolveLinkDeps {
  links: LinkRepository;
  cache: LinkCache;
  clicks: ClickBuffer;
  clock: Clock;
  onError: ErrorReporter;
}

/**
 * Finds where a code redirects to and counts the visit: the redirect's hot path.
 * A link held in process memory is answered synchronously by `peek`; anything else
 * goes through `execute`, which asks the shared cache, then the repository, and
 * remembers the answer — including "no such code", so junk codes cost the
 * repository one read per negative-cache lifetime, not one per request.
 */
export class ResolveLink {
  /** Look-ups in progress, so a burst of requests for a cold code reads storage once. */
  private readonly lookups = new Map<string, Promise<CachedLink>>();

  constructor(private readonly deps: ResolveLinkDeps) {}

  /**
   * The answer from process memory without awaiting anything: the live link, null
   * when the code is unknown or expired, undefined when only `execute` can tell.
   */
  peek(code: string, countClick = true): Link | null | undefined {
    const cached = this.deps.cache.peek(code);
    return cached === undefined ? undefined : this.answer(code, cached, countClick);
  }

  /** The live link for a code, or null when it does not exist, was deleted or has expired. */
  async execute(code: string, countClick = true): Promise<Link | null> {
    const cached = this.deps.cache.peek(code);
    if (cached !== undefined) return this.answer(code, cached, countClick);
    if (!ShortCode.couldExist(code)) return null;
    return this.answer(code, await this.lookUp(code), countClick);
  }

  private answer(code: string, found: CachedLink, countClick: boolean): Link | null {
    if (found === null || found.isExpiredAt(this.deps.clock.nowMs())) return null;
    if (countClick) this.deps.clicks.record(code);
    return found;
  }

  private lookUp(code: string): Promise<CachedLink> {
    let lookup = this.lookups.get(code);
    if (!lookup) {
      lookup = this.load(code).finally(() => this.lookups.delete(code));
      this.lookups.set(code, lookup);
    }
    return lookup;
  }

  private async load(code: string): Promise<CachedLink> {
    try {
      const cached = await this.deps.cache.get(code);
      if (cached !== undefined) return cached;
    } catch (error) {
      // A cache outage slows redirects down to the repository's pace; it must not fail them.
      this.deps.onError(error, `reading link ${code} from the cache`);
    }
    const found = (await this.deps.links.findByCode(code)) ?? null;
    // Not awaited: the visitor does not wait for the cache write.
    this.deps.cache.fill(code, found).catch((error: unknown) => this.deps.onError(error, `caching link ${code}`));
    return found;
  }
}
