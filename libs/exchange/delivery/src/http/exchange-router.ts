import type { ExchangeTokenClaims, OrderStatus, UserAccounts } from '@mosaic/exchange-domain';
import type { ExchangeUseCases } from '@mosaic/exchange-usecase';
import { forbidden, notFound } from '@mosaic/kit-core';
import { apiRouter } from '@mosaic/kit-http';
import type { Request, Response, Router } from 'express';
import { apiErrors, asSignInFailure } from './api-errors';
import { defineMarketDataRoutes } from './market-data-router';
import { fillJson, fundsJson, orderJson, transferJson } from './presenters';
import {
  accountsQuery,
  cancelAllQuery,
  credentialsBody,
  listFillsQuery,
  listOrdersQuery,
  orderIdParams,
  passwordBody,
  placeOrderBody,
  transferBody,
  walletParams,
  walletQuery,
} from './schemas';
import { placeOrderAnswer } from './place-order-route';
import { clearSessionCookie, identify, setSessionCookie, signedIn as signedInAs } from './session';

export interface ExchangeRouterOptions {
  useCases: ExchangeUseCases;
  users: UserAccounts;
}

const STATUSES: readonly OrderStatus[] = ['open', 'filled', 'cancelled'];

/**
 * The gitbitex-compatible REST API; mount with `app.use('/api', router)`. Auth is
 * the `accessToken` cookie (or a bearer token); users live in the auth domain.
 */
export function exchangeRouter(options: ExchangeRouterOptions): Router {
  const { useCases, users } = options;
  const { reads } = useCases;
  const router = apiRouter({ tags: ['exchange'] });

  const signedIn = (req: Request): Promise<ExchangeTokenClaims> => signedInAs(users, req);
  const placeOrder = placeOrderAnswer(options);

  /** Newest first, with the cursors of this page in gbe-before / gbe-after. */
  const sendPage = (res: Response, rows: { id: string }[]): void => {
    if (rows.length > 0) {
      res.setHeader('gbe-before', rows[0].id);
      res.setHeader('gbe-after', rows[rows.length - 1].id);
    }
    res.json(rows);
  };

  // --- users (the auth domain does the work) ---
  router.define(
    {
      method: 'post',
      path: '/users',
      summary: 'Sign up (the auth domain keeps the user)',
      request: { body: credentialsBody },
    },
    async (req, res, { body }) => {
      const profile = await users.register.execute({ ...body, ip: req.ip });
      res.status(201).json(selfJson(profile));
    },
  );

  router.define(
    {
      method: 'post',
      path: '/users/accessToken',
      summary: 'Sign in: the token as a JSON string, and the accessToken cookie',
      request: { body: credentialsBody },
    },
    async (req, res, { body }) => {
      const session = await users.login.execute({ ...body, ip: req.ip }).catch((error: unknown) => {
        throw asSignInFailure(error);
      });
      setSessionCookie(req, res, session.accessToken, session.expiresIn);
      res.setHeader('Cache-Control', 'no-store');
      // The bare token as a JSON string: the client keeps it for the WebSocket `token`.
      res.json(session.accessToken);
    },
  );

  router.define(
    {
      method: 'delete',
      path: '/users/accessToken',
      summary: 'Sign out (clears the cookie)',
    },
    (req, res) => {
      clearSessionCookie(req, res);
      res.status(204).end();
    },
  );

  router.define(
    {
      method: 'get',
      path: '/users/self',
      summary: 'The signed-in user; 403 when signed out',
    },
    async (req, res) => {
      const claims = await identify(users, req);
      // 403, not 401: a 401 sends the client to sign-in, which asks for `self` again, forever.
      if (claims === undefined) throw forbidden('signed_out', 'Not signed in');
      res.setHeader('Cache-Control', 'no-store');
      res.json(selfJson(await users.currentUser.execute({ userId: claims.userId })));
    },
  );

  router.define(
    {
      method: 'post',
      path: '/users/password',
      summary: 'Change the password',
      request: { body: passwordBody },
    },
    async (req, res, { body }) => {
      const claims = await signedIn(req);
      if (users.changePassword === undefined) throw notFound('not_supported', 'Password changes are not available here');
      await users.changePassword
        .execute({
          userId: claims.userId,
          currentPassword: body.oldPassword ?? body.currentPassword ?? '',
          newPassword: body.newPassword,
        })
        .catch((error: unknown) => {
          throw asSignInFailure(error);
        });
      res.status(204).end();
    },
  );

  // --- market data (the projector serves these alone) ---
  defineMarketDataRoutes(router, reads);

  // --- orders and fills ---
  router.define(
    {
      method: 'post',
      path: '/orders',
      summary: 'Place an order; answered once it is journaled and applied',
      request: { body: placeOrderBody },
    },
    async (req, res, { body }) => {
      res.json(await placeOrder(req, body));
    },
  );

  router.define(
    {
      method: 'delete',
      path: '/orders/:id',
      summary: 'Cancel one of your open orders',
      request: { params: orderIdParams },
    },
    async (req, res, { params }) => {
      const claims = await signedIn(req);
      res.json(
        orderJson(
          await useCases.cancelOrder.execute({
            userId: claims.userId,
            orderId: params.id,
          }),
        ),
      );
    },
  );

  router.define(
    {
      method: 'delete',
      path: '/orders',
      summary: 'Cancel all your open orders in a product',
      request: { query: cancelAllQuery },
    },
    async (req, res, { query }) => {
      const claims = await signedIn(req);
      const cancelled = await useCases.cancelAllOrders.execute({
        userId: claims.userId,
        productId: query.productId,
      });
      res.json(cancelled.map(String));
    },
  );

  router.define(
    {
      method: 'get',
      path: '/orders',
      summary: 'Your orders, newest first (cursors in gbe-before / gbe-after)',
      request: { query: listOrdersQuery },
    },
    async (req, res, { query }) => {
      const claims = await signedIn(req);
      const statuses = query.status?.filter((status): status is OrderStatus => (STATUSES as readonly string[]).includes(status));
      const rows = await reads.orders({
        userId: claims.userId,
        productId: query.productId,
        statuses,
        limit: query.limit,
        before: query.before,
        after: query.after,
      });
      sendPage(res, rows.map(orderJson));
    },
  );

  router.define(
    {
      method: 'get',
      path: '/fills',
      summary: 'Your fills, newest first (cursors in gbe-before / gbe-after)',
      request: { query: listFillsQuery },
    },
    async (req, res, { query }) => {
      const claims = await signedIn(req);
      const rows = await reads.fills({
        userId: claims.userId,
        productId: query.productId,
        orderId: query.orderId,
        limit: query.limit,
        before: query.before,
        after: query.after,
      });
      sendPage(res, rows.map(fillJson));
    },
  );

  // --- balances and transfers ---
  router.define(
    {
      method: 'get',
      path: '/accounts',
      summary: 'Your balances, in the currencies asked or all',
      request: { query: accountsQuery },
    },
    async (req, res, { query }) => {
      const claims = await signedIn(req);
      res.json(reads.accounts(claims.userId, query.currency).map(fundsJson));
    },
  );

  router.define(
    {
      method: 'get',
      path: '/wallets/:currency/transactions',
      summary: 'Your deposits and withdrawals in a currency',
      request: { params: walletParams, query: walletQuery },
    },
    async (req, res, { params, query }) => {
      const claims = await signedIn(req);
      const rows = await reads.transfers({
        userId: claims.userId,
        currency: params.currency,
        limit: query.limit,
        before: query.before,
        after: query.after,
      });
      sendPage(res, rows.map(transferJson));
    },
  );

  for (const [path, direction] of [
    ['/admin/deposits', 'deposit'],
    ['/admin/withdrawals', 'withdraw'],
  ] as const) {
    router.define(
      {
        method: 'post',
        path,
        summary: `${direction === 'deposit' ? 'Deposit' : 'Withdraw'} funds (admins; yourself in test mode)`,
        request: { body: transferBody },
      },
      async (req, res, { body }) => {
        const claims = await signedIn(req);
        const funds = await useCases.transferFunds.execute({
          caller: { id: claims.userId, roles: claims.roles },
          ...body,
          direction,
        });
        res.json(fundsJson(funds));
      },
    );
  }

  router.use(apiErrors());
  return router;
}

function selfJson(profile: { id: string; email: string; name: string | null }) {
  return {
    id: profile.id,
    email: profile.email,
    name: profile.name ?? profile.email.split('@')[0],
    profilePhoto: '',
  };
}
