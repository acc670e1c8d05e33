import type { AccountUseCases } from '@mosaic/account-usecase';
import { apiRouter } from '@mosaic/kit-http';
import type { Router } from 'express';
import { accountJson, depositJson, pointsJson, purchaseJson, statementJson, transferJson, withdrawalJson } from './presenters';
import { actorOf, idempotencyKeyOf, requiredIdempotencyKey, sendReceipt } from './request-context';
import {
  accountParams,
  addCardBody,
  addressBody,
  cardParams,
  depositBody,
  openAccountBody,
  openPointsBody,
  pointsParams,
  purchaseBody,
  statementQuery,
  transferBody,
  withdrawalBody,
} from './schemas';

/** Money movements answer 201 with a receipt, or replay the first answer for a repeated Idempotency-Key. */
const receipt = { 201: { description: 'The receipt (header Idempotent-Replayed: true on a replay)' } };

export interface AccountRouterOptions {
  /**
   * Test mode: owners may deposit into their own accounts. Off in production, where only
   * admins deposit; apps set it from configuration (ACCOUNT_TEST_DEPOSITS, NODE_ENV=test).
   */
  readonly allowTestDeposits?: boolean;
}

/**
 * The account domain's `/api/v1` routes. Mount it under `/api/v1` after the auth
 * domain's `authenticate` middleware: every route needs a principal (401 without one),
 * and owners act on their own accounts only (foreign ones answer 404, like missing ones).
 */
export function accountRouter(useCases: AccountUseCases, options: AccountRouterOptions = {}): Router {
  const router = apiRouter({ tags: ['account'] });
  const testMode = options.allowTestDeposits ?? false;

  // Balances and statements are personal: no shared cache may keep them.
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  const route = { principal: 'required' } as const;

  router.define({ ...route, method: 'get', path: '/accounts', summary: 'Your accounts' }, async (req, res) => {
    const accounts = await useCases.listAccounts.execute({ actor: actorOf(req) });
    res.json({ accounts: accounts.map(accountJson) });
  });

  router.define(
    {
      ...route,
      method: 'post',
      path: '/accounts',
      summary: 'Open an account',
      request: { body: openAccountBody },
      responses: { 201: { description: 'The new account' } },
    },
    async (req, res, { body }) => {
      const account = await useCases.openAccount.execute({ actor: actorOf(req), currency: body.currency, address: body.address });
      res.status(201).location(`${req.baseUrl}/accounts/${account.id}`).json(accountJson(account));
    },
  );

  router.define(
    { ...route, method: 'get', path: '/accounts/:id', summary: 'One account', request: { params: accountParams } },
    async (req, res, { params }) => {
      res.json(accountJson(await useCases.getAccount.execute({ actor: actorOf(req), accountId: params.id })));
    },
  );

  router.define(
    {
      ...route,
      method: 'get',
      path: '/accounts/:id/ledger',
      summary: "An account's statement, newest first, by pages",
      request: { params: accountParams, query: statementQuery },
    },
    async (req, res, { params, query }) => {
      const { account, page } = await useCases.getStatement.execute({ actor: actorOf(req), accountId: params.id, cursor: query.cursor, limit: query.limit });
      res.json(statementJson(account, page));
    },
  );

  router.define(
    {
      ...route,
      method: 'post',
      path: '/accounts/:id/deposits',
      summary: 'Deposit (admins; owners in test mode); Idempotency-Key replays',
      request: { params: accountParams, body: depositBody },
      responses: receipt,
    },
    async (req, res, { params, body }) => {
      const outcome = await useCases.deposit.execute({
        actor: actorOf(req),
        accountId: params.id,
        amount: body.amount,
        cardNumber: body.cardNumber,
        idempotencyKey: idempotencyKeyOf(req),
        testMode,
      });
      sendReceipt(res, outcome, depositJson);
    },
  );

  router.define(
    {
      ...route,
      method: 'post',
      path: '/accounts/:id/withdrawals',
      summary: 'Withdraw to a bank card; Idempotency-Key replays',
      request: { params: accountParams, body: withdrawalBody },
      responses: receipt,
    },
    async (req, res, { params, body }) => {
      const outcome = await useCases.withdraw.execute({
        actor: actorOf(req),
        accountId: params.id,
        amount: body.amount,
        cardNumber: body.cardNumber,
        idempotencyKey: idempotencyKeyOf(req),
      });
      sendReceipt(res, outcome, withdrawalJson);
    },
  );

  router.define(
    {
      ...route,
      method: 'post',
      path: '/transfers',
      summary: 'Transfer between accounts of one currency; needs an Idempotency-Key header',
      request: { body: transferBody },
      responses: receipt,
    },
    async (req, res, { body }) => {
      const actor = actorOf(req);
      const idempotencyKey = requiredIdempotencyKey(req);
      const outcome = await useCases.transfer.execute({ actor, fromAccountId: body.from, toAccountId: body.to, amount: body.amount, idempotencyKey });
      sendReceipt(res, outcome, transferJson);
    },
  );

  router.define(
    { ...route, method: 'put', path: '/accounts/:id/address', summary: "Change an account's address", request: { params: accountParams, body: addressBody } },
    async (req, res, { params, body }) => {
      res.json(accountJson(await useCases.changeAddress.execute({ actor: actorOf(req), accountId: params.id, address: body })));
    },
  );

  router.define(
    {
      ...route,
      method: 'post',
      path: '/accounts/:id/cards',
      summary: 'Add a bank card',
      request: { params: accountParams, body: addCardBody },
      responses: { 201: { description: 'The account with the card' } },
    },
    async (req, res, { params, body }) => {
      const account = await useCases.addBankCard.execute({ actor: actorOf(req), accountId: params.id, number: body.number, bankName: body.bankName });
      res.status(201).json(accountJson(account));
    },
  );

  router.define(
    { ...route, method: 'delete', path: '/accounts/:id/cards/:number', summary: 'Remove a bank card', request: { params: cardParams } },
    async (req, res, { params }) => {
      res.json(accountJson(await useCases.removeBankCard.execute({ actor: actorOf(req), accountId: params.id, number: params.number })));
    },
  );

  router.define(
    { ...route, method: 'post', path: '/accounts/:id/cards/:number/enable', summary: 'Enable a bank card', request: { params: cardParams } },
    async (req, res, { params }) => {
      res.json(accountJson(await useCases.enableBankCard.execute({ actor: actorOf(req), accountId: params.id, number: params.number })));
    },
  );

  router.define(
    { ...route, method: 'post', path: '/accounts/:id/cards/:number/disable', summary: 'Disable a bank card', request: { params: cardParams } },
    async (req, res, { params }) => {
      res.json(accountJson(await useCases.disableBankCard.execute({ actor: actorOf(req), accountId: params.id, number: params.number })));
    },
  );

  router.define({ ...route, method: 'get', path: '/points', summary: 'Your points balances' }, async (req, res) => {
    const points = await useCases.listPoints.execute({ actor: actorOf(req) });
    res.json({ points: points.map(pointsJson) });
  });

  router.define(
    {
      ...route,
      method: 'post',
      path: '/points',
      summary: 'Open a points balance',
      request: { body: openPointsBody },
      responses: { 201: { description: 'The new points balance' } },
    },
    async (req, res) => {
      const points = await useCases.openPoints.execute({ actor: actorOf(req) });
      res.status(201).location(`${req.baseUrl}/points/${points.id}`).json(pointsJson(points));
    },
  );

  router.define(
    { ...route, method: 'get', path: '/points/:id', summary: 'One points balance', request: { params: pointsParams } },
    async (req, res, { params }) => {
      res.json(pointsJson(await useCases.getPoints.execute({ actor: actorOf(req), pointsId: params.id })));
    },
  );

  router.define(
    {
      ...route,
      method: 'post',
      path: '/points/purchases',
      summary: 'Buy points with money from an account; Idempotency-Key replays',
      request: { body: purchaseBody },
      responses: receipt,
    },
    async (req, res, { body }) => {
      const outcome = await useCases.purchasePoints.execute({
        actor: actorOf(req),
        accountId: body.accountId,
        pointsId: body.pointsId,
        amount: body.amount,
        idempotencyKey: idempotencyKeyOf(req),
      });
      sendReceipt(res, outcome, purchaseJson);
    },
  );

  return router;
}
