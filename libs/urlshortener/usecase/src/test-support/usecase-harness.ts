import { ManualClock } from '@mosaic/kit-core';
import type { ClickCounter, InsertOutcome, Link, LinkCache, LinkRepository, RandomBytes } from '@mosaic/urlshortener-domain';
import { MemoryClickCounter, MemoryLinkCache, MemoryLinkRepository } from '@mosaic/urlshortener-repository';
import { ClickBuffer } from '../shared/click-buffer';
import { CreateLink, type CreateLinkInput } from '../create-link/create-link';
import { DeleteLink } from '../delete-link/delete-link';
import { InspectLink } from '../inspect-link/inspect-link';
import { ResolveLink } from '../resolve-link/resolve-link';

export const PUBLIC_URL = 'https://sho.rt';
export const START = Date.UTC(2026, 0, 1);

/** Counts repository calls, so tests can prove what the caches kept away from it. */
export class CountingLinkRepository implements LinkRepository {
  reads = 0;
  inserts = 0;

  constructor(readonly inner: MemoryLinkRepository = new MemoryLinkRepository()) {}

  async insert(link: Link): Promise<InsertOutcome> {
    this.inserts++;
    return this.inner.insert(link);
  }

  async findByCode(code: string): Promise<Link | undefined> {
    this.reads++;
    return this.inner.findByCode(code);
  }

  delete(code: string, deletedAt: Date): Promise<boolean> {
    return this.inner.delete(code, deletedAt);
  }
}

export interface HarnessOptions {
  cache?: LinkCache;
  counter?: ClickCounter;
  randomBytes?: RandomBytes;
}

/** Every use case on memory adapters, a manual clock, and a list of reported errors. */
export function useCaseHarness(options: HarnessOptions = {}) {
  const clock = new ManualClock(START);
  const links = new CountingLinkRepository();
  const cache = options.cache ?? new MemoryLinkCache({ clock });
  const counter = options.counter ?? new MemoryClickCounter();
  const errors: { error: unknown; context: string }[] = [];
  const onError = (error: unknown, context: string) => void errors.push({ error, context });
  const clicks = new ClickBuffer(counter, { onError });
  const createLink = new CreateLink({ links, cache, clock, onError, publicUrl: PUBLIC_URL, randomBytes: options.randomBytes });
  return {
    clock,
    links,
    cache,
    counter,
    clicks,
    errors,
    createLink,
    resolveLink: new ResolveLink({ links, cache, clicks, clock, onError }),
    inspectLink: new InspectLink({ links, counter, clicks, onError }),
    deleteLink: new DeleteLink({ links, cache, clock }),
    /** Creates a link from a valid request, with any field overridden. */
    shorten: (input: Partial<CreateLinkInput> = {}) => createLink.execute({ url: 'https://example.com/article', ...input }),
  };
}

/** Resolves to the AppError code a promise rejects with. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  throw new Error('expected a rejection');
}
