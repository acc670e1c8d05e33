import type { ExchangeReads } from '@mosaic/exchange-usecase';
import { notFound } from '@mosaic/kit-core';
import { apiRouter, type ApiRouter } from '@mosaic/kit-http';
import type { Router } from 'express';
import { apiErrors } from './api-errors';
import { productJson, tradeJson } from './presenters';
import { bookQuery, candlesQuery, productParams, tradesQuery } from './schemas';

/**
 * The public market-data routes (products, trades, candles, book) on `router`: the
 * instance's full API defines them among its others, the projector serves only them.
 */
export function defineMarketDataRoutes(router: ApiRouter, reads: ExchangeReads): void {
  router.define({ method: 'get', path: '/products', summary: 'Listed markets' }, (_req, res) => {
    res.json(reads.products().map(productJson));
  });

  router.define(
    {
      method: 'get',
      path: '/products/:id/trades',
      summary: 'Recent trades, newest first',
      request: { params: productParams, query: tradesQuery },
    },
    (_req, res, { params, query }) => {
      res.json(reads.trades(params.id, query.limit).map(tradeJson));
    },
  );

  router.define(
    {
      method: 'get',
      path: '/products/:id/candles',
      summary: 'Candles [time, low, high, open, close, volume], newest first',
      request: { params: productParams, query: candlesQuery },
    },
    (_req, res, { params, query }) => {
      res.json(reads.candles(params.id, query.granularity, query.limit));
    },
  );

  router.define(
    {
      method: 'get',
      path: '/products/:id/book',
      summary: 'The order book (level 2: aggregated levels)',
      request: { params: productParams, query: bookQuery },
    },
    (_req, res, { params, query }) => {
      const level = query.level;
      const book = reads.book(params.id, level === 1 ? 1 : level === 2 ? 50 : undefined);
      res.json(book);
    },
  );
}

/**
 * Market data alone, read-only (the projector's `/api`): the same routes and shapes as
 * the instance's, and a 404 with the client's top-level `message` for every other path
 * (users, orders, accounts live on the instances).
 */
export function marketDataRouter(options: { reads: ExchangeReads }): Router {
  const router = apiRouter({ tags: ['exchange market data'] });
  defineMarketDataRoutes(router, options.reads);
  router.use((req, _res, next) => {
    next(notFound('not_served_here', `${req.method} ${req.path} is not served here: this process serves market data only`));
  });
  router.use(apiErrors());
  return router;
}
