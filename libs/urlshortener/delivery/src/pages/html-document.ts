import { createHash } from 'node:crypto';
import { escapeHtml } from '@mosaic/kit-http';
import type { Response } from 'express';

export interface HtmlDocument {
  readonly html: string;
  /** Allows exactly this page's inline style and script, by hash, and nothing else inline. */
  readonly contentSecurityPolicy: string;
}

export interface HtmlDocumentParts {
  title: string;
  style: string;
  /** Markup; every value in it that came from outside must already be escaped. */
  body: string;
  script?: string;
}

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** A complete page whose policy forbids any script or style but its own. Built once, served many times. */
export function htmlDocument(parts: HtmlDocumentParts): HtmlDocument {
  const script = parts.script === undefined ? '' : `<script>${parts.script}</script>`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)}</title>
<style>${parts.style}</style>
</head>
<body>
${parts.body}
${script}
</body>
</html>`;
  const contentSecurityPolicy = [
    "default-src 'none'",
    `style-src ${hashOf(parts.style)}`,
    parts.script === undefined ? "script-src 'none'" : `script-src ${hashOf(parts.script)}`,
    "img-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, contentSecurityPolicy };
}

export function sendHtml(res: Response, status: number, document: HtmlDocument): void {
  res.status(status).setHeader('Content-Security-Policy', document.contentSecurityPolicy).type('html').send(document.html);
}
