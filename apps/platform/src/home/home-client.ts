/// <reference lib="dom" />
import { startPage } from '@mosaic/kit-ui/client';

/** Readiness of the whole process: every live product shares its backends. */
async function showStatus(): Promise<void> {
  const badges = [...document.querySelectorAll<HTMLElement>('[data-status]')];
  let label = 'Unavailable';
  let kind = 'bad';
  try {
    const response = await fetch('/ready', { headers: { Accept: 'application/json' } });
    const body = (await response.json().catch(() => null)) as { status?: string } | null;
    if (response.ok && body?.status === 'ready') [label, kind] = ['Ready', 'good'];
    else if (body?.status === 'draining') [label, kind] = ['Restarting', 'warn'];
    else [label, kind] = ['Degraded', 'warn'];
  } catch {
    // No answer at all: the server is down, "Unavailable" stands.
  }
  for (const badge of badges) {
    badge.textContent = label;
    badge.className = `badge ${kind}`;
  }
}

startPage();
void showStatus();
