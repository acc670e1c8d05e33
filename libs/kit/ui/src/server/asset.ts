import { extname } from 'node:path';

/** One built file, served under a URL that changes whenever its content does. */
export interface Asset {
  readonly url: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** What a page links to: its scripts and stylesheets, by hashed URL. */
export interface PageBundle {
  readonly scripts: string[];
  readonly styles: string[];
  readonly assets: Asset[];
}

export const ASSET_PREFIX = '/assets/';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export const contentTypeOf = (url: string): string => CONTENT_TYPES[extname(url)] ?? 'application/octet-stream';

/** The page's links, in the order the files came. */
export function bundleOf(assets: Asset[]): PageBundle {
  return {
    assets,
    scripts: assets.filter((a) => a.url.endsWith('.js')).map((a) => a.url),
    styles: assets.filter((a) => a.url.endsWith('.css')).map((a) => a.url),
  };
}
