import { systemClock, type Clock, type Resource } from '@mosaic/kit-core';
import type { ClickCounter, LinkCache, LinkRepository, RandomBytes } from '@mosaic/urlshortener-domain';
import { ClickBuffer } from './shared/click-buffer';
import type { ErrorReporter } from './shared/error-reporter';
import { CreateLink } from './create-link/create-link';
import { DeleteLink } from './delete-link/delete-link';
import { InspectLink } from './inspect-link/inspect-link';
import { ResolveLink } from './resolve-link/resolve-link';

/** The ports the use cases run on; `createUrlshortenerAdapters` builds them per backend. */
export interface UrlshortenerPorts {
  links: LinkRepository;
  cache: LinkCache;
  clicks: ClickCounter;
}

export interface UrlshortenerUseCaseOptions {
  onError: ErrorReporter;
  /** Where the shortener is reached; URLs pointing there are refused. */
  publicUrl?: string;
  clock?: Clock;
  randomBytes?: RandomBytes;
  /** How often buffered clicks are stored; default 1,000 ms. */
  clickFlushIntervalMs?: number;
}

export interface UrlshortenerUseCases {
  readonly createLink: CreateLink;
  readonly resolveLink: ResolveLink;
  readonly inspectLink: InspectLink;
  readonly deleteLink: DeleteLink;
  readonly clickBuffer: ClickBuffer;
  /**
   * Register after the backends it writes to: resources close in reverse order, so
   * this one stores the last buffered clicks while they are still open.
   */
  readonly resource: Resource;
}

/** Wires every use case to one set of ports and starts the click flusher. */
export function createUrlshortenerUseCases(ports: UrlshortenerPorts, options: UrlshortenerUseCaseOptions): UrlshortenerUseCases {
  const clock = options.clock ?? systemClock;
  const clickBuffer = new ClickBuffer(ports.clicks, { onError: options.onError });
  clickBuffer.start(options.clickFlushIntervalMs ?? 1_000);
  const shared = { links: ports.links, cache: ports.cache, clock, onError: options.onError };
  return {
    createLink: new CreateLink({ ...shared, publicUrl: options.publicUrl, randomBytes: options.randomBytes }),
    resolveLink: new ResolveLink({ ...shared, clicks: clickBuffer }),
    inspectLink: new InspectLink({ links: ports.links, counter: ports.clicks, clicks: clickBuffer, onError: options.onError }),
    deleteLink: new DeleteLink(shared),
    clickBuffer,
    resource: clickBuffer.asResource(),
  };
}
