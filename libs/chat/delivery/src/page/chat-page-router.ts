import { pageRouter } from '@mosaic/kit-ui';
import type { Router } from 'express';

export const CHAT_PAGE_ENTRY = 'libs/chat/delivery/src/page/chat-page.tsx';

/** The chat page at `path` in the shared shell (strict CSP, bundled with esbuild); it talks to `/api/v1/chat` and `/ws/chat`. */
export function chatPage(path: string): Router {
  return pageRouter({
    path,
    title: 'Chat',
    description: 'Real-time messages between friends and in channels',
    entry: CHAT_PAGE_ENTRY,
    body: '<div id="chat-root"><p class="muted">Loading…</p></div>',
  });
}
