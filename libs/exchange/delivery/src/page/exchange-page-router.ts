import { defineRoute } from '@mosaic/kit-http';
import { assetHandler, pageHandler } from '@mosaic/kit-ui';
import { Router } from 'express';
import { z } from 'zod';

export const EXCHANGE_PAGE_ENTRY = 'libs/exchange/delivery/src/page/client/exchange-page.tsx';

/**
 * The trading page at `path` (`/` in the exchange app, `/exchange/` on the platform), in the shared look, and its assets.
 * `testDeposits`: the deposit rule of the API behind it (EXCHANGE_TEST_DEPOSITS), so the page offers test funds only where the API grants them.
 */
export function exchangePage(options: { path: string; testDeposits?: boolean }): Router {
  const router = Router();
  const page = pageHandler({
    entry: EXCHANGE_PAGE_ENTRY,
    title: 'Exchange',
    description: 'Trade BTC and ETH against USDT',
    body: `<div id="exchange-app" data-test-deposits="${options.testDeposits ? 'true' : 'false'}"></div>`,
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
