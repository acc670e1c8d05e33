import type { Clock } from '@mosaic/kit-core';
import { linkErrors, ShortCode, type LinkCache, type LinkRepository } from '@mosaic/urlshortener-domain';

export interface DeleteLinkDeps {
  links: LinkRepository;
  cache: LinkCache;
  clock: Clock;
}

export interface DeleteLinkInput {
  code: string;
  /** The authenticated caller; only a link's owner may delete it. */
  principalId: string;
}

/** Deletes a link for good; its code is never handed out again. */
export class DeleteLink {
  constructor(private readonly deps: DeleteLinkDeps) {}

  async execute({ code, principalId }: DeleteLinkInput): Promise<void> {
    if (!ShortCode.couldExist(code)) throw linkErrors.linkNotFound(code);
    const link = await this.deps.links.findByCode(code);
    if (!link) throw linkErrors.linkNotFound(code);
    link.assertDeletableBy(principalId);
    // Cache first: if the repository write then fails, the link is hidden for a
    // while and the caller retries; the other order could leave a deleted link
    // redirecting from the cache for as long as it is held there.
    await this.deps.cache.putMissing(code);
    if (!(await this.deps.links.delete(code, this.deps.clock.now()))) throw linkErrors.linkNotFound(code);
  }
}
