import { defineRoute } from '@mosaic/kit-http';
import { assetHandler, pageHandler } from '@mosaic/kit-ui';
import { Router } from 'express';
import { z } from 'zod';

export const EXCHANGE_PAGE_ENTRY = 'libs/exchange/delivery/src/page/client/exchange-page.tsx';

/** The trading page at `path` (`/` in the exchange app, `/exchange/` on the platform), in the shared look, and its assets. */
export function exchangePage(options: { path: string }): Router {
  const router = Router();
  const page = pageHandler({
    entry: EXCHANGE_PAGE_ENTRY,
    title: 'Exchange',
    description: 'Trade BTC and ETH against USDT',
    body: '<div id="exchange-app"></div>',
  });
  defineRoute(
    router,
    {
      method: 'get',
      path: options.path,
      summary: 'The trading page',
      tags: ['pages'],
      responses: { 200: { description: 'HTML', body: z.string(), contentType: 'text/html' } },
    },
    (req, res, _input, next) => page(req, res, next),
  );
  router.use(assetHandler);
  return router;
}
