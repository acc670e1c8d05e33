import type { FlashsaleUseCases } from '@mosaic/flashsale-usecase';
import { parseRequest, requirePrincipal } from '@mosaic/kit-http';
import { pageRouter } from '@mosaic/kit-ui';
import express, { type Request, type Router } from 'express';
import { backendOutages } from './backend-errors';
import { itemImageSvg } from './item-image';
import { basketJson, eventJson, itemsPageJson, orderJson, purchaseJson, saleJson } from './presenters';
import { checkoutQuery, itemParams, itemsQuery, orderParams, ordersQuery, purchaseQuery, saleParams, signedInCheckoutQuery } from './schemas';

const ORDER_ACTIONS = ['pay', 'ship', 'cancel'] as const;
const PAGE_ENTRY = 'libs/flashsale/delivery/src/page/flashsale-page.tsx';

/**
 * The flash sale's public routes, at the root of wherever it is mounted: the sale and
 * its items, item images, and checkout/purchase with the buyer named in the query
 * (`user_id`), as the seed service had them.
 */
export function flashsaleRouter(useCases: FlashsaleUseCases): Router {
  const router = express.Router();

  // The page finds the API next to itself, so under a prefix it must be asked for as a directory.
  router.get('/', (req, res, next) => {
    const path = req.originalUrl.split('?')[0] as string;
    if (!path.endsWith('/')) return res.redirect(301, `${path}/`);
    next();
  });
  router.use(pageRouter({ path: '/', title: 'Flash sale', description: 'A new sale of 10,000 items every hour', entry: PAGE_ENTRY, body: '<h1>Flash sale</h1>\n<div id="flashsale"><p class="muted">Loading the sale…</p></div>' }));

  router.get('/sales/active', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(saleJson(await useCases.getSale.active()));
  });

  router.get('/sales/:id', async (req, res) => {
    const { id } = parseRequest(saleParams, req.params, 'params');
    res.setHeader('Cache-Control', 'no-store');
    res.json(saleJson(await useCases.getSale.execute(id)));
  });

  router.get('/sales/:id/items', async (req, res) => {
    const { id } = parseRequest(saleParams, req.params, 'params');
    const query = parseRequest(itemsQuery, req.query, 'query');
    res.setHeader('Cache-Control', 'no-store');
    res.json(itemsPageJson(req.baseUrl, await useCases.listItems.execute({ saleId: id, cursor: query.cursor, limit: query.limit })));
  });

  router.get('/items/:id/image.svg', (req, res) => {
    const { id } = parseRequest(itemParams, req.params, 'params');
    res.setHeader('Cache-Control', 'public, max-age=86400, immutable');
    res.type('image/svg+xml').send(itemImageSvg(id));
  });

  router.post('/checkout', async (req, res) => {
    const query = parseRequest(checkoutQuery, req.query, 'query');
    res.json(basketJson(await useCases.checkout.execute({ userId: query.user_id, itemId: query.id })));
  });

  router.post('/purchase', async (req, res) => {
    const { code } = parseRequest(purchaseQuery, req.query, 'query');
    res.json(purchaseJson(await useCases.purchase.execute({ code })));
  });

  router.use(backendOutages);
  return router;
}

/**
 * The same for signed-in users, to mount at `/api/v1/flashsale` after authentication:
 * the buyer is the token's user (never a query parameter), and their orders — listed,
 * read with their event history, paid, shipped or cancelled — are theirs alone.
 */
export function flashsaleApiRouter(useCases: FlashsaleUseCases): Router {
  const router = express.Router();
  const userOf = (req: Request) => requirePrincipal(req).id;

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.post('/checkout', async (req, res) => {
    const userId = userOf(req);
    const query = parseRequest(signedInCheckoutQuery, req.query, 'query');
    res.json(basketJson(await useCases.checkout.execute({ userId, itemId: query.id })));
  });

  router.post('/purchase', async (req, res) => {
    const userId = userOf(req);
    const { code } = parseRequest(purchaseQuery, req.query, 'query');
    res.json(purchaseJson(await useCases.purchase.execute({ code, userId })));
  });

  router.get('/orders', async (req, res) => {
    const userId = userOf(req);
    const query = parseRequest(ordersQuery, req.query, 'query');
    res.json({ orders: (await useCases.listOrders.execute({ userId, limit: query.limit })).map(orderJson) });
  });

  router.get('/orders/:id', async (req, res) => {
    const userId = userOf(req);
    const { id } = parseRequest(orderParams, req.params, 'params');
    const { summary, history } = await useCases.getOrder.execute({ userId, orderId: id });
    res.json({ ...orderJson(summary), history: history.map(eventJson) });
  });

  for (const action of ORDER_ACTIONS) {
    router.post(`/orders/:id/${action}`, async (req, res) => {
      const userId = userOf(req);
      const { id } = parseRequest(orderParams, req.params, 'params');
      res.json(orderJson(await useCases.changeOrder.execute({ userId, orderId: id, action })));
    });
  }

  router.use(backendOutages);
  return router;
}
