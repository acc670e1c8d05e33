import { escapeHtml } from '@mosaic/kit-http';
import type { PageBundle } from './asset';
import type { NavLink, UiSettings } from './ui-settings';

export const FAVICON_PATH = '/favicon.svg';

export interface PageDocumentOptions {
  /** Shown in the tab as "<title> · Mosaic". */
  readonly title: string;
  /** The page's own scripts and styles (see `bundlePage`). */
  readonly bundle: PageBundle;
  /** The shared stylesheet(s), linked before the page's own. */
  readonly kitStyles: readonly string[];
  /** Server-rendered markup inside <main>; every outside value in it must already be escaped. */
  readonly body?: string;
  readonly description?: string;
  /** The request path, to mark the current navigation entry. */
  readonly currentPath?: string;
  readonly ui: UiSettings;
}

/**
 * The HTML shell of every page: header with the product name, navigation and a slot
 * for the signed-in user, the page's markup, footer. No inline script or style
 * anywhere, so the strict Content-Security-Policy holds: behaviour comes from the
 * bundled module, looks from the linked stylesheets.
 */
export function pageDocument(options: PageDocumentOptions): string {
  const { ui } = options;
  const styles = [...options.kitStyles, ...options.bundle.styles].map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n');
  const scripts = options.bundle.scripts.map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`).join('\n');
  const description = options.description ? `\n<meta name="description" content="${escapeHtml(options.description)}">` : '';
  const signIn = ui.signInPath ? ` data-sign-in="${escapeHtml(ui.signInPath)}"` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">${description}
<title>${escapeHtml(options.title === 'Mosaic' ? 'Mosaic' : `${options.title} · Mosaic`)}</title>
<link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml">
${styles}
${scripts}
</head>
<body${signIn}>
<a class="mx-skip" href="#main">Skip to content</a>
<header class="mx-header">
<div class="mx-header__inner">
<a class="mx-brand" href="/"><img src="${FAVICON_PATH}" alt="" width="28" height="28"><span>Mosaic</span></a>
<nav class="mx-nav" aria-label="Products">
${navLinks(ui.nav, options.currentPath)}
</nav>
<div class="mx-user" id="mx-user" aria-live="polite"></div>
</div>
</header>
<main id="main" class="mx-main">
${options.body ?? ''}
</main>
<footer class="mx-footer">
<div class="mx-footer__inner">
<span>Mosaic — one look, every product.</span>
${(ui.footerLinks ?? []).map((link) => `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`).join('\n')}
</div>
</footer>
<div class="mx-toasts" id="mx-toasts" role="status" aria-live="polite"></div>
</body>
</html>`;
}

function navLinks(nav: readonly NavLink[], currentPath: string | undefined): string {
  const current = currentPath === undefined ? undefined : bestMatch(nav, currentPath);
  return nav.map((link) => `<a href="${escapeHtml(link.href)}"${link === current ? ' aria-current="page"' : ''}>${escapeHtml(link.label)}</a>`).join('\n');
}

/** The longest link that prefixes the path, so "/" only wins on the home page itself. */
function bestMatch(nav: readonly NavLink[], path: string): NavLink | undefined {
  const normalised = path.endsWith('/') ? path : `${path}/`;
  return nav
    .filter((link) => (link.href === '/' ? path === '/' : normalised.startsWith(link.href.endsWith('/') ? link.href : `${link.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
}
