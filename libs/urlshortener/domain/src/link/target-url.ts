import { linkErrors } from '../errors/link-errors';

export const MAX_URL_LENGTH = 2048;

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);
/** A serialised URL is ASCII; anything else here would be unsafe in a Location header. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

export interface TargetUrlRules {
  /**
   * Hosts (`name[:port]`, as `normalizeHost` returns them) that are this shortener:
   * a link to one of them would redirect into the shortener, possibly in a loop.
   */
  ownHosts?: Iterable<string>;
}

/** Where a link redirects to: an absolute http(s) URL with a host, in its normalised form. */
export class TargetUrl {
  private constructor(
    /** The WHATWG serialisation: punycode host, percent-encoded path, ASCII only. */
    readonly href: string,
  ) {}

  static parse(input: unknown, rules: TargetUrlRules = {}): TargetUrl {
    if (typeof input !== 'string' || input.trim() === '') throw linkErrors.invalidUrl('url is required');
    // Checked before parsing so an oversized value costs nothing more.
    if (input.length > MAX_URL_LENGTH) throw linkErrors.urlTooLong(MAX_URL_LENGTH);
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw linkErrors.invalidUrl('url is not an absolute URL');
    }
    // The parser has already dropped the tabs and newlines that hide "java\tscript:".
    if (!ALLOWED_PROTOCOLS.has(url.protocol)) throw linkErrors.unsupportedScheme(url.protocol.slice(0, -1));
    if (url.hostname === '') throw linkErrors.invalidUrl('url must have a host');
    // "https://bank.example@evil.example" shows a trusted name to a reader and goes elsewhere.
    if (url.username !== '' || url.password !== '') throw linkErrors.urlHasCredentials();
    const href = url.href;
    // Percent-encoding can lengthen the URL past the limit after the first check.
    if (href.length > MAX_URL_LENGTH) throw linkErrors.urlTooLong(MAX_URL_LENGTH);
    if (!PRINTABLE_ASCII.test(href)) throw linkErrors.invalidUrl('url could not be normalised');
    const host = normalizeHost(url.host);
    for (const own of rules.ownHosts ?? []) {
      if (own === host) throw linkErrors.selfReferencingUrl(host);
    }
    return new TargetUrl(href);
  }

  /** A URL read back from storage, where it was stored after `parse`. */
  static restore(href: string): TargetUrl {
    if (href.length > MAX_URL_LENGTH || !PRINTABLE_ASCII.test(href)) {
      throw new TypeError(`stored target URL is malformed: ${JSON.stringify(href.slice(0, 80))}`);
    }
    return new TargetUrl(href);
  }

  toString(): string {
    return this.href;
  }
}

/**
 * `name[:port]` in the form URLs compare by: lower case, punycode, no trailing dot,
 * no default port. Accepts a URL (`https://sho.rt/`) or a Host header (`sho.rt:8080`);
 * undefined when the value is neither.
 */
export function normalizeHost(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    return undefined;
  }
  if (url.hostname === '') return undefined;
  const hostname = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  return url.port === '' ? hostname : `${hostname}:${url.port}`;
}
