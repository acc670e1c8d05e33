import { escapeHtml } from '@mosaic/kit-http';
import type { NavLink } from '@mosaic/kit-ui';
import { API_DOCS_PATH, DOMAINS, type DomainEntry } from '../domains';

export const HOME_ENTRY = 'apps/platform/src/home/home-client.ts';

/** The header's links: home, every product page that exists (sign-in has its own button), the API docs. */
export function platformNav(domains: DomainEntry[] = DOMAINS, apiDocs: string | undefined = API_DOCS_PATH): NavLink[] {
  const pages = domains.flatMap((d) => (d.page && d.id !== 'auth' ? [{ label: d.navLabel ?? d.name, href: d.page }] : []));
  return [{ label: 'Home', href: '/' }, ...pages, ...(apiDocs ? [{ label: 'API docs', href: apiDocs }] : [])];
}

/** Server-rendered cards; the client script only fills in each live product's status from /ready. */
export function homeBody(domains: DomainEntry[] = DOMAINS, apiDocs: string | undefined = API_DOCS_PATH): string {
  const cards = domains.map((d) => card(d, apiDocs)).join('\n');
  return `<section class="page-head">
<h1>Mosaic</h1>
<p class="lead">Every product in one process, one look and one account. Pick one to start.</p>
</section>
<section class="grid" id="products" aria-label="Products">
${cards}
</section>`;
}

function card(d: DomainEntry, apiDocs: string | undefined): string {
  const status = d.page
    ? `<span class="badge" data-status="${escapeHtml(d.id)}" id="status-${escapeHtml(d.id)}">Checking…</span>`
    : `<span class="badge warn" id="status-${escapeHtml(d.id)}">Coming soon</span>`;
  const links = [
    d.page ? `<a class="button small" href="${escapeHtml(d.page)}">${escapeHtml(d.navLabel ?? `Open ${d.name}`)}</a>` : '',
    d.page && apiDocs ? `<a class="button small secondary" href="${escapeHtml(apiDocs)}">API docs</a>` : '',
  ].filter(Boolean);
  return `<article class="card product" id="card-${escapeHtml(d.id)}">
<div class="card-head"><h2>${escapeHtml(d.name)}</h2>${status}</div>
<p>${escapeHtml(d.description)}</p>
<p class="muted">API <code>${escapeHtml(d.api)}</code></p>
${links.length > 0 ? `<div class="actions">${links.join('')}</div>` : '<p class="muted">Being built; it appears here when its page is mounted.</p>'}
</article>`;
}
