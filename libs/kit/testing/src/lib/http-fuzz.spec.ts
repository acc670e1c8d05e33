import express from 'express';
import { describe, expect, it } from 'vitest';
import { fuzzHttpApp } from './http-fuzz';

/** A tiny app whose one route answers as `answer` says, the error shape kept unless told otherwise. */
function appAnswering(answer: (req: express.Request, res: express.Response) => void) {
  const app = express();
  app.use(express.json());
  app.post('/items/:id', answer);
  app.use((_req: express.Request, res: express.Response) => void res.status(404).json({ error: { code: 'not_found', message: 'No route' } }));
  app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(400).json({ error: { code: 'bad_request', message: 'Bad request' } });
  });
  return app;
}

const routes = [{ template: '/items/:id', methods: ['POST'] }];

/** The failure a run reported (fast-check keeps the request's own error as the cause), or 'passed'. */
const failureOf = (run: Promise<void>) =>
  run.then(
    () => 'passed',
    (error: Error) => `${error.message}\n${String(error.cause)}`,
  );

describe('fuzzHttpApp', () => {
  it('passes an app that answers 2xx, or 4xx in the error shape', async () => {
    const app = appAnswering((req, res) => {
      if (typeof req.body?.amount === 'string') res.status(201).json({ ok: true });
      else res.status(400).json({ error: { code: 'invalid_amount', message: 'amount must be a string' } });
    });
    await fuzzHttpApp(app, routes, { runs: 100, bodyKeys: ['amount'] });
  });

  it('fails on a 5xx that some request provokes', async () => {
    const app = appAnswering((req, res) => {
      if (req.params.id?.length === 3) res.status(500).json({ error: { code: 'internal', message: 'boom' } });
      else res.status(204).end();
    });
    expect(await failureOf(fuzzHttpApp(app, routes, { runs: 300, seed: 1 }))).toMatch(/answered 500/);
  });

  it.each([
    ['as text', (res: express.Response) => void res.status(422).send('nope'), /answered 422 as text\/html/],
    ['as JSON of another shape', (res: express.Response) => void res.status(422).json({ message: 'nope' }), /answered 422 without the error shape/],
  ])('fails on a 4xx answered %s', async (_name, answer, reported) => {
    const app = appAnswering((_req, res) => answer(res));
    expect(await failureOf(fuzzHttpApp(app, routes, { runs: 50, seed: 1 }))).toMatch(reported);
  });
});
