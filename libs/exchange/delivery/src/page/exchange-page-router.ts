import { pageRouter } from '@mosaic/kit-ui';
import type { Router } from 'express';

export const EXCHANGE_PAGE_ENTRY = 'libs/exchange/delivery/src/page/client/exchange-page.tsx';

/** The trading page at `path` (`/` in the exchange app, `/exchange/` on the platform), in the shared look. */
export function exchangePage(options: { path: string }): Router {
  return pageRouter({
    path: options.path,
    entry: EXCHANGE_PAGE_ENTRY,
    title: 'Exchange',
    description: 'Trade BTC and ETH against USDT',
    body: '<div id="exchange-app"></div>',
  });
}
