import { apiRouter } from '@mosaic/kit-http';
import { assetHandler, pageHandler } from '@mosaic/kit-ui';
import type { Router } from 'express';
import { z } from 'zod';

export const CHAT_PAGE_ENTRY = 'libs/chat/delivery/src/page/chat-page.tsx';

/** The chat page at `path` in the shared shell (strict CSP, bundled with esbuild); it talks to `/api/v1/chat` and `/ws/chat`. */
export function chatPage(path: string): Router {
  const router = apiRouter({ tags: ['pages'] });
  const page = pageHandler({
    title: 'Chat',
    description: 'Real-time messages between friends and in channels',
    entry: CHAT_PAGE_ENTRY,
    body: '<div id="chat-root"><p class="muted">Loading…</p></div>',
  });
  router.define(
    { method: 'get', path, summary: 'The chat page', responses: { 200: { description: 'HTML', body: z.string(), contentType: 'text/html' } } },
    (req, res, _input, next) => page(req, res, next),
  );
  router.use(assetHandler);
  return router;
}
