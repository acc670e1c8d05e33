import type { AccountUseCases } from '@mosaic/account-usecase';
import { parseRequest } from '@mosaic/kit-http';
import express, { type Router } from 'express';
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
  const router = express.Router();
  const testMode = options.allowTestDeposits ?? false;

  // Balances and statements are personal: no shared cache may keep them.
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.get('/accounts', async (req, res) => {
    const accounts = await useCases.listAccounts.execute({ actor: actorOf(req) });
    res.json({ accounts: accounts.map(accountJson) });
  });

  router.post('/accounts', async (req, res) => {
    const actor = actorOf(req);
    const body = parseRequest(openAccountBody, req.body);
    const account = await useCases.openAccount.execute({ actor, currency: body.currency, address: body.address });
    res.status(201).location(`${req.baseUrl}/accounts/${account.id}`).json(accountJson(account));
  });

  router.get('/accounts/:id', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parseRequest(accountParams, req.params, 'params');
    res.json(accountJson(await useCases.getAccount.execute({ actor, accountId: id })));
  });

  router.get('/accounts/:id/ledger', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parseRequest(accountParams, req.params, 'params');
    const query = parseRequest(statementQuery, req.query, 'query');
    const { account, page } = await useCases.getStatement.execute({ actor, accountId: id, cursor: query.cursor, limit: query.limit });
    res.json(statementJson(account, page));
  });

  router.post('/accounts/:id/deposits', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parseRequest(accountParams, req.params, 'params');
    const body = parseRequest(depositBody, req.body);
    const outcome = await useCases.deposit.execute({
      actor,
      accountId: id,
      amount: body.amount,
      cardNumber: body.cardNumber,
      idempotencyKey: idempotencyKeyOf(req),
      testMode,
    });
    sendReceipt(res, outcome, depositJson);
  });

  router.post('/accounts/:id/withdrawals', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parseRequest(accountParams, req.params, 'params');
    const body = parseRequest(withdrawalBody, req.body);
    const outcome = await useCases.withdraw.execute({ actor, accountId: id, amount: body.amount, cardNumber: body.cardNumber, idempotencyKey: idempotencyKeyOf(req) });
    sendReceipt(res, outcome, withdrawalJson);
  });

  router.post('/transfers', async (req, res) => {
    const actor = actorOf(req);
    const idempotencyKey = requiredIdempotencyKey(req);
    const body = parseRequest(transferBody, req.body);
    const outcome = await useCases.transfer.execute({ actor, fromAccountId: body.from, toAccountId: body.to, amount: body.amount, idempotencyKey });
    sendReceipt(res, outcome, transferJson);
  });

  router.put('/accounts/:id/address', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parseRequest(accountParams, req.params, 'params');
    const address = parseRequest(addressBody, req.body);
    res.json(accountJson(await useCases.changeAddress.execute({ actor, accountId: id, address })));
  });

  router.post('/accounts/:id/cards', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parseRequest(accountParams, req.params, 'params');
    const body = parseRequest(addCardBody, req.body);
    const account = await useCases.addBankCard.execute({ actor, accountId: id, number: body.number, bankName: body.bankName });
    res.status(201).json(accountJson(account));
  });

  router.delete('/accounts/:id/cards/:number', async (req, res) => {
    const actor = actorOf(req);
    const { id, number } = parseRequest(cardParams, req.params, 'params');
    res.json(accountJson(await useCases.removeBankCard.execute({ actor, accountId: id, number })));
  });

  router.post('/accounts/:id/cards/:number/enable', async (req, res) => {
    const actor = actorOf(req);
    const { id, number } = parseRequest(cardParams, req.params, 'params');
    res.json(accountJson(await useCases.enableBankCard.execute({ actor, accountId: id, number })));
  });

  router.post('/accounts/:id/cards/:number/disable', async (req, res) => {
    const actor = actorOf(req);
    const { id, number } = parseRequest(cardParams, req.params, 'params');
    res.json(accountJson(await useCases.disableBankCard.execute({ actor, accountId: id, number })));
  });

  router.get('/points', async (req, res) => {
    const points = await useCases.listPoints.execute({ actor: actorOf(req) });
    res.json({ points: points.map(pointsJson) });
  });

  router.post('/points', async (req, res) => {
    const actor = actorOf(req);
    parseRequest(openPointsBody, req.body ?? {});
    const points = await useCases.openPoints.execute({ actor });
    res.status(201).location(`${req.baseUrl}/points/${points.id}`).json(pointsJson(points));
  });

  router.get('/points/:id', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parseRequest(pointsParams, req.params, 'params');
    res.json(pointsJson(await useCases.getPoints.execute({ actor, pointsId: id })));
  });

  router.post('/points/purchases', async (req, res) => {
    const actor = actorOf(req);
    const body = parseRequest(purchaseBody, req.body);
    const outcome = await useCases.purchasePoints.execute({
      actor,
      accountId: body.accountId,
      pointsId: body.pointsId,
      amount: body.amount,
      idempotencyKey: idempotencyKeyOf(req),
    });
    sendReceipt(res, outcome, purchaseJson);
  });

  return router;
}
