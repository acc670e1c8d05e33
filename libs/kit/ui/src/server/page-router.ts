import { defineRoute, type RouteTarget } from '@mosaic/kit-http';
import express, { type Express, type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { FAVICON_SVG } from './favicon';
import { ASSET_PREFIX, type Asset, type PageBundle } from './asset';
import { bundlePage } from './page-bundle';
import { FAVICON_PATH, pageDocument } from './page-document';
import { DEFAULT_UI_SETTINGS, type UiSettings } from './ui-settings';

export const KIT_STYLES_ENTRY = 'libs/kit/ui/src/styles/kit.css';
/** The header's behaviour alone, for pages without a script of their own. */
export const CHROME_ENTRY = 'libs/kit/ui/src/client/chrome-entry.ts';
export const SIGN_IN_ENTRY = 'libs/kit/ui/src/pages/sign-in/sign-in-page.tsx';

const IMMUTABLE = 'public, max-age=31536000, immutable';

// Entries any page of this process may link to, so an asset request finds its file
// even when it arrives before the page that names it was rendered here.
const knownEntries = new Set<string>([KIT_STYLES_ENTRY, CHROME_ENTRY]);
const assets = new Map<string, Asset>();

async function bundleOf(entry: string): Promise<PageBundle> {
  knownEntries.add(entry);
  const bundle = await bundlePage(entry);
  for (const asset of bundle.assets) assets.set(asset.url, asset);
  return bundle;
}

export interface PageOptions {
  /**
   * The page's TS/TSX entry, relative to the workspace root; default: header behaviour only.
   * Write it as a string literal: `nx build` finds the entries to prebuild by their literal in the bundle.
   */
  readonly entry?: string;
  readonly title: string;
  readonly description?: string;
  /** Server-rendered markup for <main>; escape every outside value (`escapeHtml`). */
  readonly body?: string | ((req: Request) => string);
}

export interface SendPageOptions extends PageOptions {
  readonly status?: number;
}

/** Renders a page into the shared shell and sends it: for handlers that decide the status themselves. */
export async function sendPage(req: Request, res: Response, options: SendPageOptions): Promise<void> {
  const [bundle, kit] = await Promise.all([bundleOf(options.entry ?? CHROME_ENTRY), bundleOf(KIT_STYLES_ENTRY)]);
  const ui: UiSettings = (req.app.locals.mosaicUi as UiSettings | undefined) ?? DEFAULT_UI_SETTINGS;
  const html = pageDocument({
    title: options.title,
    description: options.description,
    bundle,
    kitStyles: kit.styles,
    body: typeof options.body === 'function' ? options.body(req) : options.body,
    currentPath: req.originalUrl.split('?')[0],
    ui,
  });
  res.status(options.status ?? 200).setHeader('Cache-Control', 'no-cache');
  res.type('html').send(html);
}

/** A GET handler serving one page. */
export function pageHandler(options: PageOptions): RequestHandler {
  knownEntries.add(options.entry ?? CHROME_ENTRY);
  return (req, res, next) => {
    sendPage(req, res, options).catch(next);
  };
}

/** Serves built files by their hashed URL, the favicon, and nothing else. */
export const assetHandler: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') return next();
  // The full path, so the handler works wherever a router mounting it sits.
  const path = req.originalUrl.split('?')[0];
  if (path === FAVICON_PATH || path === '/favicon.ico') {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('image/svg+xml').send(FAVICON_SVG);
    return;
  }
  if (!path.startsWith(ASSET_PREFIX)) return next();
  const send = (asset: Asset) => {
    res.setHeader('Cache-Control', IMMUTABLE);
    res.type(asset.contentType).send(asset.body);
  };
  const found = assets.get(path);
  if (found) return send(found);
  Promise.all([...knownEntries].map(bundleOf))
    .then(() => {
      const built = assets.get(path);
      if (built) send(built);
      else next();
    })
    .catch(next);
};

/**
 * Everything a domain's delivery layer needs to serve its page, in one call:
 * `router.use(pageRouter({ path: '/accounts/', title: 'Accounts', entry: '…/account-page.tsx' }))`.
 * The router answers GET `path` with the page in the shared shell, and the page's
 * assets and the shared ones at their hashed URLs.
 */
export function pageRouter(options: PageOptions & { readonly path: string }): Router {
  const router = express.Router();
  definePage(router, options.path, options);
  router.use(assetHandler);
  return router;
}

/** `GET path` serving the page, declared so the API document lists it among the pages. */
export function definePage(target: RouteTarget, path: string, options: PageOptions): void {
  const handler = pageHandler(options);
  defineRoute(
    target,
    {
      method: 'get',
      path,
      summary: `${options.title} page`,
      tags: ['pages'],
      responses: { 200: { description: 'HTML', body: z.string(), contentType: 'text/html' } },
    },
    (req, res, _input, next) => handler(req, res, next),
  );
}

/**
 * The app-wide part of the look, one call per app: the navigation and sign-in link
 * every page's header shows, the shared stylesheet and favicon, and (when the app
 * runs auth) the sign-in / sign-up page at `/signin`.
 */
export function useMosaicUi(app: Express, settings: UiSettings): void {
  app.locals.mosaicUi = settings;
  app.use(assetHandler);
  if (settings.signInPath === undefined) return;
  knownEntries.add(SIGN_IN_ENTRY);
  definePage(app, settings.signInPath, { entry: SIGN_IN_ENTRY, title: 'Sign in', description: 'Sign in or create your Mosaic account' });
}
