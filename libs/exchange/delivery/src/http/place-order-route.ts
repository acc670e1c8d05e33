import type { IncomingMessage } from 'node:http';
import { fastJsonRoute, type FastRoute } from '@mosaic/kit-http';
import type { z } from 'zod';
import { apiErrorAnswer } from './api-errors';
import type { ExchangeRouterOptions } from './exchange-router';
import { orderJson } from './presenters';
import { placeOrderBody } from './schemas';
import { signedIn } from './session';

/** `POST /orders`: the caller's order as placed, once journaled and applied. The express route and the fast route both answer with it. */
export function placeOrderAnswer(options: ExchangeRouterOptions) {
  const { useCases, users } = options;
  return async (req: Pick<IncomingMessage, 'headers'>, body: z.output<typeof placeOrderBody>) => {
    const claims = await signedIn(users, req);
    return orderJson(await useCases.placeOrder.execute({ ...body, userId: claims.userId }));
  };
}

/**
 * Placing an order ahead of express (kit-http's `fastJsonRoute`): the exchange's
 * busiest write, whose own work (validation, journal, engine) costs less than
 * express's dispatch. Same body schema, answer and error shapes as the express
 * route, which still answers whatever this one leaves to it. Its path is the
 * router's (`/orders`): place it with `mountFastRoutes` where the router is mounted.
 */
export function fastPlaceOrderRoute(options: ExchangeRouterOptions): FastRoute {
  const place = placeOrderAnswer(options);
  return fastJsonRoute({
    method: 'POST',
    path: '/orders',
    body: placeOrderBody,
    error: apiErrorAnswer,
    handle: (req, { body }) => place(req, body),
  });
}
