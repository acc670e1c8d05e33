import { isAppError } from '@mosaic/kit-core';
import express, { type ErrorRequestHandler } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { rateLimit } from '../lib/rate-limit-middleware';
import type { RateLimiter, RateLimitOptions } from '../lib/rate-limiter';

/** Builds a fresh limiter whose keys no other test sees. */
export type MakeRateLimiter = (options: RateLimitOptions) => RateLimiter | Promise<RateLimiter>;

/** Renders errors the way kit-http does, so the test sees what a client would. */
const renderErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  if (isAppError(error)) {
    res.status(error.status).json({ error: error.toJSON() });
    return;
  }
  res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
};

/** The behaviour every RateLimiter backend must show; run once per backend, unchanged. */
export function rateLimiterContract(name: string, makeLimiter: MakeRateLimiter): void {
  describe(`RateLimiter contract: ${name}`, () => {
    it('admits up to the allowance, then refuses with the wait until the window resets', async () => {
      const limiter = await makeLimiter({ points: 3, durationSeconds: 60 });
      const decisions = [];
      for (let i = 0; i < 4; i++) decisions.push(await limiter.consume('client'));
      expect(decisions.map(({ allowed, remaining, limit }) => ({ allowed, remaining, limit }))).toEqual([
        { allowed: true, remaining: 2, limit: 3 },
        { allowed: true, remaining: 1, limit: 3 },
        { allowed: true, remaining: 0, limit: 3 },
        { allowed: false, remaining: 0, limit: 3 },
      ]);
      for (const decision of decisions) {
        expect(decision.resetMs).toBeGreaterThan(0);
        expect(decision.resetMs).toBeLessThanOrEqual(60_000);
      }
      expect(decisions[0].retryAfterSeconds).toBe(0);
      expect(decisions[3].retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(decisions[3].retryAfterSeconds).toBeLessThanOrEqual(60);
    });

    it('admits exactly the allowance out of 1,000 concurrent calls', async () => {
      const points = 37;
      const limiter = await makeLimiter({ points, durationSeconds: 60 });
      const decisions = await Promise.all(Array.from({ length: 1_000 }, () => limiter.consume('hot-key')));
      const admitted = decisions.filter((decision) => decision.allowed);
      expect(admitted).toHaveLength(points);
      // Each admitted call saw a distinct count: no two spent the same point.
      expect(admitted.map((decision) => decision.remaining).sort((a, b) => a - b)).toEqual(Array.from({ length: points }, (_, i) => i));
      expect(decisions.filter((decision) => !decision.allowed).every((decision) => decision.retryAfterSeconds >= 1)).toBe(true);
    });

    it('keeps keys independent', async () => {
      const limiter = await makeLimiter({ points: 1, durationSeconds: 60 });
      expect((await limiter.consume('alice')).allowed).toBe(true);
      expect((await limiter.consume('alice')).allowed).toBe(false);
      expect((await limiter.consume('bob')).allowed).toBe(true);
    });

    it('spends several points at once and refuses a spend larger than what is left', async () => {
      const limiter = await makeLimiter({ points: 5, durationSeconds: 60 });
      expect(await limiter.consume('k', 3)).toMatchObject({ allowed: true, remaining: 2 });
      expect(await limiter.consume('k', 2)).toMatchObject({ allowed: true, remaining: 0 });
      expect(await limiter.consume('k', 1)).toMatchObject({ allowed: false, remaining: 0 });
      expect(await limiter.consume('other', 6)).toMatchObject({ allowed: false, remaining: 0 });
    });

    it('starts afresh after reset', async () => {
      const limiter = await makeLimiter({ points: 1, durationSeconds: 60 });
      await limiter.consume('k');
      expect((await limiter.consume('k')).allowed).toBe(false);
      await limiter.reset('k');
      expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('admits again once the window has passed', async () => {
      // Real time, and the refusal has to come inside the window: three seconds, so a
      // loaded machine stalling between the two calls does not let the window pass first.
      const limiter = await makeLimiter({ points: 1, durationSeconds: 3 });
      expect((await limiter.consume('k')).allowed).toBe(true);
      expect((await limiter.consume('k')).allowed).toBe(false);
      await expect.poll(async () => (await limiter.consume('k')).allowed, { timeout: 20_000, interval: 100 }).toBe(true);
    });

    it('rejects allowances and spends that are not positive integers', async () => {
      await expect(async () => makeLimiter({ points: 0, durationSeconds: 60 })).rejects.toThrow(RangeError);
      await expect(async () => makeLimiter({ points: 5, durationSeconds: 0.5 })).rejects.toThrow(RangeError);
      const limiter = await makeLimiter({ points: 5, durationSeconds: 60 });
      await expect(limiter.consume('k', 0)).rejects.toThrow(RangeError);
      await expect(limiter.consume('k', 1.5)).rejects.toThrow(RangeError);
      expect(await limiter.consume('k')).toMatchObject({ allowed: true, remaining: 4 });
    });

    describe('express middleware', () => {
      async function appWith(points: number) {
        const limiter = await makeLimiter({ points, durationSeconds: 60 });
        const app = express();
        app.use(
          rateLimit({
            limiter,
            key: (req) => req.get('x-client') ?? 'anonymous',
            cost: (req) => (req.path === '/expensive' ? 2 : 1),
            skip: (req) => req.path === '/health',
            message: 'Slow down',
          }),
        );
        app.get(['/ping', '/expensive', '/health'], (_req, res) => {
          res.json({ ok: true });
        });
        app.use(renderErrors);
        return app;
      }

      it('reports the allowance in RateLimit headers, then answers 429 with Retry-After', async () => {
        const app = await appWith(2);
        const first = await request(app).get('/ping').set('x-client', 'c1');
        expect(first.status).toBe(200);
        expect(first.headers['ratelimit-limit']).toBe('2');
        expect(first.headers['ratelimit-remaining']).toBe('1');
        expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
        expect(Number(first.headers['ratelimit-reset'])).toBeLessThanOrEqual(60);
        expect(first.headers['retry-after']).toBeUndefined();

        const second = await request(app).get('/ping').set('x-client', 'c1');
        expect(second.status).toBe(200);
        expect(second.headers['ratelimit-remaining']).toBe('0');

        const refused = await request(app).get('/ping').set('x-client', 'c1');
        expect(refused.status).toBe(429);
        expect(refused.body).toEqual({ error: { code: 'rate_limited', message: 'Slow down' } });
        expect(refused.headers['ratelimit-remaining']).toBe('0');
        const retryAfter = Number(refused.headers['retry-after']);
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);

        const otherClient = await request(app).get('/ping').set('x-client', 'c2');
        expect(otherClient.status).toBe(200);
      });

      it('charges each request its cost and lets skipped requests through free', async () => {
        const app = await appWith(2);
        const health = await request(app).get('/health').set('x-client', 'c1');
        expect(health.status).toBe(200);
        expect(health.headers['ratelimit-limit']).toBeUndefined();
        const expensive = await request(app).get('/expensive').set('x-client', 'c1');
        expect(expensive.status).toBe(200);
        expect(expensive.headers['ratelimit-remaining']).toBe('0');
        expect((await request(app).get('/ping').set('x-client', 'c1')).status).toBe(429);
      });

      it('admits exactly the allowance of concurrent requests', async () => {
        const app = await appWith(5);
        const statuses = await Promise.all(
          Array.from({ length: 40 }, () =>
            request(app)
              .get('/ping')
              .set('x-client', 'burst')
              .then((res) => res.status),
          ),
        );
        expect(statuses.filter((status) => status === 200)).toHaveLength(5);
        expect(statuses.filter((status) => status === 429)).toHaveLength(35);
      });
    });
  });
}
