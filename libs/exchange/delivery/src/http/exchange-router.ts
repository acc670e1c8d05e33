import type { ExchangeTokenClaims, OrderStatus, UserAccounts } from '@mosaic/exchange-domain';
import type { ExchangeUseCases } from '@mosaic/exchange-usecase';
import { forbidden, notFound, unauthorized } from '@mosaic/kit-core';
import { parseRequest } from '@mosaic/kit-http';
import { Router, type Request, type Response } from 'express';
import { apiErrors, asSignInFailure } from './api-errors';
import { fillJson, fundsJson, orderJson, productJson, tradeJson, transferJson } from './presenters';
import {
  accountsQuery,
  bookQuery,
  cancelAllQuery,
  candlesQuery,
  credentialsBody,
  listFillsQuery,
  listOrdersQuery,
  orderIdParams,
  passwordBody,
  placeOrderBody,
  productParams,
  tradesQuery,
  transferBody,
  walletParams,
  walletQuery,
} from './schemas';
import { clearSessionCookie, identify, setSessionCookie } from './session';

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
  const router = Router();

  const signedIn = async (req: Request): Promise<ExchangeTokenClaims> => {
    const claims = await identify(users, req);
    if (claims === undefined) throw unauthorized('unauthenticated', 'Sign in first');
    return claims;
  };

  /** Newest first, with the cursors of this page in gbe-before / gbe-after. */
  const sendPage = (res: Response, rows: { id: string }[]): void => {
    if (rows.length > 0) {
      res.setHeader('gbe-before', rows[0].id);
      res.setHeader('gbe-after', rows[rows.length - 1].id);
    }
    res.json(rows);
  };

  // --- users (the auth domain does the work) ---
  router.post('/users', async (req, res) => {
    const body = parseRequest(credentialsBody, req.body ?? {});
    const profile = await users.register.execute({ ...body, ip: req.ip });
    res.status(201).json(selfJson(profile));
  });

  router.post('/users/accessToken', async (req, res) => {
    const body = parseRequest(credentialsBody, req.body ?? {});
    const session = await users.login.execute({ ...body, ip: req.ip }).catch((error: unknown) => {
      throw asSignInFailure(error);
    });
    setSessionCookie(req, res, session.accessToken, session.expiresIn);
    res.setHeader('Cache-Control', 'no-store');
    // The bare token as a JSON string: the client keeps it for the WebSocket `token`.
    res.json(session.accessToken);
  });

  router.delete('/users/accessToken', (req, res) => {
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/users/self', async (req, res) => {
    const claims = await identify(users, req);
    // 403, not 401: a 401 sends the client to sign-in, which asks for `self` again, forever.
    if (claims === undefined) throw forbidden('signed_out', 'Not signed in');
    res.setHeader('Cache-Control', 'no-store');
    res.json(selfJson(await users.currentUser.execute({ userId: claims.userId })));
  });

  router.post('/users/password', async (req, res) => {
    const claims = await signedIn(req);
    const body = parseRequest(passwordBody, req.body ?? {});
    if (users.changePassword === undefined) throw notFound('not_supported', 'Password changes are not available here');
    await users.changePassword
      .execute({ userId: claims.userId, currentPassword: body.oldPassword ?? body.currentPassword ?? '', newPassword: body.newPassword })
      .catch((error: unknown) => {
        throw asSignInFailure(error);
      });
    res.status(204).end();
  });

  // --- market data ---
  router.get('/products', (_req, res) => {
    res.json(reads.products().map(productJson));
  });

  router.get('/products/:id/trades', (req, res) => {
    const { id } = parseRequest(productParams, req.params, 'params');
    const { limit } = parseRequest(tradesQuery, req.query, 'query');
    res.json(reads.trades(id, limit).map(tradeJson));
  });

  router.get('/products/:id/candles', (req, res) => {
    const { id } = parseRequest(productParams, req.params, 'params');
    const { granularity, limit } = parseRequest(candlesQuery, req.query, 'query');
    res.json(reads.candles(id, granularity, limit));
  });

  router.get('/products/:id/book', (req, res) => {
    const { id } = parseRequest(productParams, req.params, 'params');
    const { level } = parseRequest(bookQuery, req.query, 'query');
    const book = reads.book(id, level === 1 ? 1 : level === 2 ? 50 : undefined);
    res.json(book);
  });

  // --- orders and fills ---
  router.post('/orders', async (req, res) => {
    const claims = await signedIn(req);
    const body = parseRequest(placeOrderBody, req.body ?? {});
    const order = await useCases.placeOrder.execute({ ...body, userId: claims.userId });
    res.json(orderJson(order));
  });

  router.delete('/orders/:id', async (req, res) => {
    const claims = await signedIn(req);
    const { id } = parseRequest(orderIdParams, req.params, 'params');
    res.json(orderJson(await useCases.cancelOrder.execute({ userId: claims.userId, orderId: id })));
  });

  router.delete('/orders', async (req, res) => {
    const claims = await signedIn(req);
    const { productId } = parseRequest(cancelAllQuery, req.query, 'query');
    const cancelled = await useCases.cancelAllOrders.execute({ userId: claims.userId, productId });
    res.json(cancelled.map(String));
  });

  router.get('/orders', async (req, res) => {
    const claims = await signedIn(req);
    const query = parseRequest(listOrdersQuery, req.query, 'query');
    const statuses = query.status?.filter((status): status is OrderStatus => (STATUSES as readonly string[]).includes(status));
    const rows = await reads.orders({ userId: claims.userId, productId: query.productId, statuses, limit: query.limit, before: query.before, after: query.after });
    sendPage(res, rows.map(orderJson));
  });

  router.get('/fills', async (req, res) => {
    const claims = await signedIn(req);
    const query = parseRequest(listFillsQuery, req.query, 'query');
    const rows = await reads.fills({ userId: claims.userId, productId: query.productId, orderId: query.orderId, limit: query.limit, before: query.before, after: query.after });
    sendPage(res, rows.map(fillJson));
  });

  // --- balances and transfers ---
  router.get('/accounts', async (req, res) => {
    const claims = await signedIn(req);
    const { currency } = parseRequest(accountsQuery, req.query, 'query');
    res.json(reads.accounts(claims.userId, currency).map(fundsJson));
  });

  router.get('/wallets/:currency/transactions', async (req, res) => {
    const claims = await signedIn(req);
    const { currency } = parseRequest(walletParams, req.params, 'params');
    const query = parseRequest(walletQuery, req.query, 'query');
    const rows = await reads.transfers({ userId: claims.userId, currency, limit: query.limit, before: query.before, after: query.after });
    sendPage(res, rows.map(transferJson));
  });

  for (const [path, direction] of [
    ['/admin/deposits', 'deposit'],
    ['/admin/withdrawals', 'withdraw'],
  ] as const) {
    router.post(path, async (req, res) => {
      const claims = await signedIn(req);
      const body = parseRequest(transferBody, req.body ?? {});
      const funds = await useCases.transferFunds.execute({ caller: { id: claims.userId, roles: claims.roles }, ...body, direction });
      res.json(fundsJson(funds));
    });
  }

  router.use(apiErrors());
  return router;
}

function selfJson(profile: { id: string; email: string; name: string | null }) {
  return { id: profile.id, email: profile.email, name: profile.name ?? profile.email.split('@')[0], profilePhoto: '' };
}
