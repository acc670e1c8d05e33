import { escapeHtml } from '@mosaic/kit-http';
import type { DomainEntry } from './domains';

export function landingPage(domains: DomainEntry[]): string {
  const items = domains
    .map((d) => {
      const title = d.ready ? `<a href="${escapeHtml(d.path)}">${escapeHtml(d.name)}</a>` : `${escapeHtml(d.name)} <small>(coming)</small>`;
      return `<li>${title}<br><span>${escapeHtml(d.description)}</span></li>`;
    })
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Mosaic</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1d2330; }
    li { margin: 0 0 1rem; } span { color: #5a6275; } small { color: #8a91a3; }
  </style>
</head>
<body>
  <h1>Mosaic</h1>
  <p>Every domain, one process. Health: <a href="/health">/health</a> · readiness: <a href="/ready">/ready</a> · metrics: <a href="/metrics">/metrics</a></p>
  <ul>
      ${items}
  </ul>
</body>
</html>`;
}
