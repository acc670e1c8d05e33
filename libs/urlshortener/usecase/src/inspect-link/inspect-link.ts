import { linkErrors, ShortCode, type ClickCounter, type Link, type LinkRepository } from '@mosaic/urlshortener-domain';
import type { ClickBuffer } from '../shared/click-buffer';
import type { ErrorReporter } from '../shared/error-reporter';

export interface InspectLinkDeps {
  links: LinkRepository;
  counter: ClickCounter;
  clicks: ClickBuffer;
  onError: ErrorReporter;
}

export interface LinkStats {
  link: Link;
  /** Stored clicks: every one of them survives a crash of this process. */
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
   * Only stored clicks are shown. Redirects keep counting in process memory (a Map
   * update, never a storage write on the hot path), but a total shown to a reader
   * must never go down, and buffered clicks die with the process if it crashes.
   * So a read first stores what this process buffered — stats reads are rare next to
   * redirects, and one batch write covers every code — then reads the stored total.
   * When storing fails, the buffered clicks stay buffered and are not shown.
   */
  private async countClicks(code: string): Promise<number> {
    try {
      await this.deps.clicks.flush();
    } catch (error) {
      this.deps.onError(error, 'storing click counts before a stats read');
    }
    return this.deps.counter.count(code);
  }
}
