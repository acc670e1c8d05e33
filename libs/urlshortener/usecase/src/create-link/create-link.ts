import type { Clock } from '@mosaic/kit-core';
import {
  cryptoRandomBytes,
  GENERATED_CODE_LENGTH,
  Link,
  linkErrors,
  normalizeHost,
  ShortCode,
  TargetUrl,
  type LinkCache,
  type LinkRepository,
  type NewLink,
  type RandomBytes,
} from '@mosaic/urlshortener-domain';
import type { ErrorReporter } from '../shared/error-reporter';

export interface CreateLinkInput {
  url: unknown;
  alias?: unknown;
  expiresAt?: Date | null;
  /** The authenticated creator; omitted for an anonymous link. */
  ownerId?: string;
  /** The host the request was addressed to: a URL pointing there is refused like one to the public URL. */
  requestHost?: string;
}

export interface CreateLinkDeps {
  links: LinkRepository;
  cache: LinkCache;
  clock: Clock;
  onError: ErrorReporter;
  /** Where this shortener is reached (its public URL); links back to it are refused. */
  publicUrl?: string;
  randomBytes?: RandomBytes;
}

/**
 * Random codes are drawn at the default length a few times, then one character
 * longer: each extra character makes a collision 62 times rarer, so a crowded code
 * space degrades into slightly longer codes instead of failures.
 */
const CODE_LENGTHS = [GENERATED_CODE_LENGTH, GENERATED_CODE_LENGTH, GENERATED_CODE_LENGTH, GENERATED_CODE_LENGTH + 1, GENERATED_CODE_LENGTH + 1];

/** Shortens a URL under a random code or the alias the caller chose. */
export class CreateLink {
  private readonly publicHost: string | undefined;
  private lastRequestHost: string | undefined;
  private lastNormalizedHost: string | undefined;

  constructor(private readonly deps: CreateLinkDeps) {
    this.publicHost = deps.publicUrl === undefined ? undefined : normalizeHost(deps.publicUrl);
  }

  async execute(input: CreateLinkInput): Promise<Link> {
    // Everything is validated before any I/O, so bad input never reaches storage.
    const target = TargetUrl.parse(input.url, { ownHosts: this.ownHostsFor(input.requestHost) });
    const base: Omit<NewLink, 'code'> = { target, ownerId: input.ownerId ?? null, expiresAt: input.expiresAt ?? null, now: this.deps.clock.now() };

    let link: Link;
    if (input.alias !== undefined && input.alias !== null && input.alias !== '') {
      link = Link.create({ ...base, code: ShortCode.alias(input.alias) });
      if ((await this.deps.links.insert(link)) === 'code_taken') throw linkErrors.aliasTaken(link.code.value);
    } else {
      link = await this.insertUnderRandomCode(base);
    }

    try {
      // Replaces any negative entry a visitor may have left for this code before it existed.
      await this.deps.cache.put(link);
    } catch (error) {
      this.deps.onError(error, `caching new link ${link.code.value}`);
    }
    return link;
  }

  private async insertUnderRandomCode(base: Omit<NewLink, 'code'>): Promise<Link> {
    for (const length of CODE_LENGTHS) {
      const link = Link.create({ ...base, code: ShortCode.random(length, this.deps.randomBytes ?? cryptoRandomBytes) });
      if ((await this.deps.links.insert(link)) === 'inserted') return link;
    }
    throw linkErrors.codeSpaceExhausted();
  }

  private ownHostsFor(requestHost: string | undefined): string[] {
    const hosts: string[] = [];
    if (this.publicHost !== undefined) hosts.push(this.publicHost);
    const host = requestHost === undefined ? undefined : this.normalizedRequestHost(requestHost);
    if (host !== undefined) hosts.push(host);
    return hosts;
  }

  /**
   * Nearly every request names the same Host, and normalising one parses a URL: the
   * last answer is kept (one entry, so a client sending odd hosts cannot grow it).
   */
  private normalizedRequestHost(requestHost: string): string | undefined {
    if (requestHost !== this.lastRequestHost) {
      this.lastRequestHost = requestHost;
      this.lastNormalizedHost = normalizeHost(requestHost);
    }
    return this.lastNormalizedHost;
  }
}
