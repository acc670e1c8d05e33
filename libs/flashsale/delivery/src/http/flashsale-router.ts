import type { FlashsaleUseCases } from '@mosaic/flashsale-usecase';
import { apiRouter, requirePrincipal, type ApiRouter } from '@mosaic/kit-http';
import { assetHandler, pageHandler } from '@mosaic/kit-ui';
import type { Request } from 'express';
import { z } from 'zod';
import { backendOutages } from './backend-errors';
import { itemImageSvg } from './item-image';
import type { SaleCountFeed } from './sale-count-feed';
import { basketJson, eventJson, itemsPageJson, orderJson, purchaseJson, saleJson } from './presenters';
import { checkoutQuery, freeQuery, itemParams, itemsQuery, orderParams, ordersQuery, purchaseQuery, saleParams, signedInCheckoutQuery } from './schemas';

const ORDER_ACTIONS = ['pay', 'ship', 'cancel'] as const;
const PAGE_ENTRY = 'libs/flashsale/delivery/src/page/flashsale-page.tsx';
const TAGS = ['flashsale'];

/**
 * The flash sale's public routes, at the root of wherever it is mounted: the sale and
 * its items, item images, and checkout/purchase with the buyer named in the query
 * (`user_id`), as the seed service had them.
 */
export function flashsaleRouter(useCases: FlashsaleUseCases, live: SaleCountFeed): ApiRouter {
  const router = apiRouter({ tags: TAGS });

  // The page finds the API next to itself, so under a prefix it must be asked for as a directory.
  const page = pageHandler({
    title: 'Flash sale',
    description: 'A new sale of 10,000 items every hour',
    entry: PAGE_ENTRY,
    body: '<h1>Flash sale</h1>\n<div id="flashsale"><p class="muted">Loading the sale…</p></div>',
  });
  router.define(
    {
      method: 'get',
      path: '/',
      summary: 'The flash-sale page',
      tags: ['pages'],
      responses: { 200: { description: 'HTML', body: z.string(), contentType: 'text/html' }, 301: { description: 'To the same path with a trailing slash' } },
    },
    (req, res, _input, next) => {
      const path = req.originalUrl.split('?')[0] as string;
      if (!path.endsWith('/')) return res.redirect(301, `${path}/`);
      page(req, res, next);
    },
  );
  router.use(assetHandler);

  router.define(
    {
      method: 'get',
      path: '/sales/active',
      summary: 'The sale on now',
      responses: { 200: { description: 'The sale' }, 404: { description: 'No sale is on' } },
    },
    async (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(saleJson(await useCases.getSale.active()));
    },
  );

  router.define(
    {
      method: 'get',
      path: '/sales/:id',
      summary: 'A sale',
      request: { params: saleParams },
      responses: { 200: { description: 'The sale' }, 404: { description: 'No such sale' } },
    },
    async (_req, res, { params }) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(saleJson(await useCases.getSale.execute(params.id)));
    },
  );

  router.define(
    {
      method: 'get',
      path: '/sales/:id/live',
      summary: "The sale's sold and remaining counts, pushed as server-sent events when they change (at most every 250 ms)",
      request: { params: saleParams },
      responses: {
        200: {
          description: 'An event stream; each `data:` line is `{"sold":n,"remaining":n}`, the first one at once',
          body: z.string(),
          contentType: 'text/event-stream',
        },
        404: { description: 'No such sale' },
      },
    },
    async (_req, res, { params }) => {
      await live.watch(params.id, res);
    },
  );

  router.define(
    {
      method: 'get',
      path: '/sales/:id/items',
      summary: "A page of a sale's items",
      request: { params: saleParams, query: itemsQuery },
      responses: { 200: { description: 'The items and the next cursor' }, 404: { description: 'No such sale' } },
    },
    async (req, res, { params, query }) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(itemsPageJson(req.baseUrl, await useCases.listItems.execute({ saleId: params.id, cursor: query.cursor, limit: query.limit })));
    },
  );

  router.define(
    {
      method: 'get',
      path: '/sales/:id/free',
      summary: 'A random sample of the ids of items still free to check out (for when few are left)',
      request: { params: saleParams, query: freeQuery },
      responses: { 200: { description: 'Up to `limit` (default 50) free item ids; none unless the sale is open' }, 404: { description: 'No such sale' } },
    },
    async (_req, res, { params, query }) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json({ ids: await useCases.getSale.freeItems(params.id, query.limit ?? 50) });
    },
  );

  router.define(
    {
      method: 'get',
      path: '/items/:id/image.svg',
      summary: "An item's image",
      request: { params: itemParams },
      responses: { 200: { description: 'An SVG image', body: z.string(), contentType: 'image/svg+xml' } },
    },
    (_req, res, { params }) => {
      res.setHeader('Cache-Control', 'public, max-age=86400, immutable');
      res.type('image/svg+xml').send(itemImageSvg(params.id));
    },
  );

  router.define(
    {
      method: 'post',
      path: '/checkout',
      summary: 'Reserve an item for the buyer named by user_id (the seed API)',
      request: { query: checkoutQuery },
      responses: { 200: { description: 'The basket and its checkout code' } },
    },
    async (_req, res, { query }) => {
      res.json(basketJson(await useCases.checkout.execute({ userId: query.user_id, itemId: query.id })));
    },
  );

  router.define(
    {
      method: 'post',
      path: '/purchase',
      summary: 'Buy what a checkout code reserved (the seed API)',
      request: { query: purchaseQuery },
      responses: { 200: { description: 'The purchase' } },
    },
    async (_req, res, { query }) => {
      res.json(purchaseJson(await useCases.purchase.execute({ code: query.code })));
    },
  );

  router.use(backendOutages);
  return router;
}

/**
 * The same for signed-in users, to mount at `/api/v1/flashsale` after authentication:
 * the buyer is the token's user (never a query parameter), and their orders — listed,
 * read with their event history, paid, shipped or cancelled — are theirs alone.
 */
export function flashsaleApiRouter(useCases: FlashsaleUseCases): ApiRouter {
  const router = apiRouter({ tags: TAGS });
  const userOf = (req: Request) => requirePrincipal(req).id;

  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.define(
    {
      method: 'post',
      path: '/checkout',
      summary: 'Reserve an item for the signed-in buyer',
      principal: 'required',
      request: { query: signedInCheckoutQuery },
      responses: { 200: { description: 'The basket and its checkout code' } },
    },
    async (req, res, { query }) => {
      const userId = userOf(req);
      res.json(basketJson(await useCases.checkout.execute({ userId, itemId: query.id })));
    },
  );

  router.define(
    {
      method: 'post',
      path: '/purchase',
      summary: "Buy what the signed-in buyer's checkout code reserved",
      principal: 'required',
      request: { query: purchaseQuery },
      responses: { 200: { description: 'The purchase' } },
    },
    async (req, res, { query }) => {
      const userId = userOf(req);
      res.json(purchaseJson(await useCases.purchase.execute({ code: query.code, userId })));
    },
  );

  router.define(
    {
      method: 'get',
      path: '/orders',
      summary: "The signed-in buyer's orders",
      principal: 'required',
      request: { query: ordersQuery },
      responses: { 200: { description: 'The orders' } },
    },
    async (req, res, { query }) => {
      const userId = userOf(req);
      res.json({ orders: (await useCases.listOrders.execute({ userId, limit: query.limit })).map(orderJson) });
    },
  );

  router.define(
    {
      method: 'get',
      path: '/orders/:id',
      summary: 'One of your orders with its event history',
      principal: 'required',
      request: { params: orderParams },
      responses: { 200: { description: 'The order and its history' }, 404: { description: 'No such order of yours' } },
    },
    async (req, res, { params }) => {
      const userId = userOf(req);
      const { summary, history } = await useCases.getOrder.execute({ userId, orderId: params.id });
      res.json({ ...orderJson(summary), history: history.map(eventJson) });
    },
  );

  for (const action of ORDER_ACTIONS) {
    router.define(
      {
        method: 'post',
        path: `/orders/:id/${action}`,
        summary: `${action[0]?.toUpperCase()}${action.slice(1)} one of your orders`,
        principal: 'required',
        request: { params: orderParams },
        responses: { 200: { description: 'The order' }, 404: { description: 'No such order of yours' }, 409: { description: 'Not allowed in its state' } },
      },
      async (req, res, { params }) => {
        const userId = userOf(req);
        res.json(orderJson(await useCases.changeOrder.execute({ userId, orderId: params.id, action })));
      },
    );
  }

  router.use(backendOutages);
  return router;
}
