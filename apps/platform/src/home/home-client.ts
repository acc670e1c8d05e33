/// <reference lib="dom" />
import { startPage } from '@mosaic/kit-ui/client';

interface Readiness {
  status?: string;
  checks?: Record<string, string>;
}

/**
 * Each live product's badge from /ready: a product is ready when its own checks
 * (named after it: "account-outbox-relay", "auth:sweeper") and the shared backends'
 * checks ("mysql", "mq:kafka") all answer ok.
 */
async function showStatus(): Promise<void> {
  const badges = [...document.querySelectorAll<HTMLElement>('[data-status]')];
  const products = [...document.querySelectorAll<HTMLElement>('[id^="status-"]')].map((badge) => badge.id.slice('status-'.length));
  let readiness: Readiness | null = null;
  try {
    readiness = (await (await fetch('/ready', { headers: { Accept: 'application/json' } })).json()) as Readiness;
  } catch {
    // No answer at all: every badge says the server is unavailable.
  }
  const checks = Object.entries(readiness?.checks ?? {});
  const shared = checks.filter(([name]) => !products.some((product) => name.startsWith(product)));
  for (const badge of badges) {
    const product = badge.dataset.status ?? '';
    const relevant = [...shared, ...checks.filter(([name]) => name.startsWith(product))];
    const [label, kind] = !readiness
      ? ['Unavailable', 'bad']
      : readiness.status === 'draining'
        ? ['Restarting', 'warn']
        : relevant.every(([, outcome]) => outcome === 'ok')
          ? ['Ready', 'good']
          : ['Degraded', 'warn'];
    badge.textContent = label;
    badge.className = `badge ${kind}`;
  }
}

startPage();
void showStatus();
