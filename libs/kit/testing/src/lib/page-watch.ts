import type { Page } from 'playwright-core';

export interface PageWatch {
  /** Everything that went wrong so far: failed requests, answers ≥ 400, console errors (CSP violations among them), page errors. */
  readonly problems: string[];
  /** Every HTML document the page loaded, in order, with its Content-Security-Policy. */
  readonly documents: { url: string; policy: string | undefined }[];
}

/**
 * Watches a browser page the way a person's console would: a test that drives a
 * journey asserts at the end that `problems` is empty, and that every document
 * came with the policy it expects.
 */
export function watchPage(page: Page): PageWatch {
  const watch: PageWatch = { problems: [], documents: [] };
  page.on('requestfailed', (request) => watch.problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (response.status() >= 400) watch.problems.push(`answer ${response.status()}: ${response.request().method()} ${response.url()}`);
    if (response.request().resourceType() === 'document') watch.documents.push({ url: response.url(), policy: response.headers()['content-security-policy'] });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) watch.problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => watch.problems.push(`page error: ${error.message}`));
  return watch;
}

/** How far the page is wider than the viewport (0 when nothing scrolls sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
}
