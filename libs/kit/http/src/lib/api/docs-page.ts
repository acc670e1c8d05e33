import { escapeHtml } from '../html';

/** Swagger UI's files served from the package, and the initializer below. */
export const DOCS_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png'] as const;
export const DOCS_INIT_ASSET = 'docs-init.js';

/**
 * The page runs under the app's Content-Security-Policy (security-headers.ts), which
 * refuses inline scripts: Swagger UI starts from this file of its own instead.
 */
export const DOCS_INIT_SCRIPT = `'use strict';
window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({ url: root.getAttribute('data-spec-url'), dom_id: '#swagger-ui', deepLinking: true });
});
`;

export function docsPage(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · API reference</title>
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui" data-spec-url="/openapi.json"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/${DOCS_INIT_ASSET}"></script>
</body>
</html>
`;
}
