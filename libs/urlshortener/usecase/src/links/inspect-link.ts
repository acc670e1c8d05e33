import { linkErrors, ShortCode, type ClickCounter, type Link, type LinkRepository } from '@mosaic/urlshortener-domain';
import type { ClickBuffer } from '../clicks/click-buffer';

export interface InspectLinkDeps {
  links: LinkRepository;
  counter: ClickCounter;
  clicks: ClickBuffer;
}

export interface LinkStats {
  link: Link;
  /** Stored clicks plus those still buffered in this process. */
  clicks: number;
}

/** A link and how often it was followed; expired links can still be inspected, deleted ones cannot. */
export class InspectLink {
  constructor(private readonly deps: InspectLinkDeps) {}

  async execute(code: string): Promise<LinkStats> {
    if (!ShortCode.couldExist(code)) throw linkErrors.linkNotFound(code);
    const link = await this.deps.links.findByCode(code);
    if (!link) throw linkErrors.linkNotFound(code);
    return { link, clicks: await this.countClicks(code) };
  }

  /**
   * A batch stored while the total was being read would otherwise be missed (no
   * longer pending, not yet in the read total): read again when one completed.
   */
  private async countClicks(code: string): Promise<number> {
    for (;;) {
      const batches = this.deps.clicks.storedBatches;
      const stored = await this.deps.counter.count(code);
      if (this.deps.clicks.storedBatches === batches) return stored + this.deps.clicks.pendingFor(code);
    }
  }
}
