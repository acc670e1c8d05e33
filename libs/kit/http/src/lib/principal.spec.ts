import { createLogger } from '@mosaic/kit-log';
import type { RequestHandler } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiRouter, buildHttpApp, deferPrincipal, principalOf, requirePrincipal, resolvePrincipal, setPrincipal } from '../index';

/** Global authentication as the auth domain mounts it, counting the checks it was asked to make. */
function countingAuthentication() {
  const checked: string[] = [];
  const middleware: RequestHandler = (req, _res, next) => {
    deferPrincipal(req, async () => {
      checked.push(req.path);
      const user = req.get('x-user');
      if (user) setPrincipal(req, { id: user, roles: [] });
    });
    next();
  };
  return { checked, middleware };
}

function appWithRoutes() {
  const auth = countingAuthentication();
  const { app } = buildHttpApp({
    logger: createLogger({ name: 'principal-test', level: 'silent', pretty: false }),
    mount: (app) => {
      app.use(auth.middleware);
      app.get('/public', (_req, res) => {
        res.json({ public: true });
      });
      app.get('/mine', resolvePrincipal, (req, res) => {
        res.json({ id: requirePrincipal(req).id });
      });
      app.get('/forgot-to-declare', (req, res) => {
        res.json({ id: principalOf(req)?.id ?? null });
      });
      app.use(
        '/api',
        apiRouter()
          .define({ method: 'get', path: '/required', summary: 'x', principal: 'required' }, (req, res) => {
            res.json({ id: requirePrincipal(req).id });
          })
          .define({ method: 'get', path: '/optional', summary: 'x', principal: 'optional' }, (req, res) => {
            res.json({ id: principalOf(req)?.id ?? null });
          })
          .define({ method: 'get', path: '/undeclared', summary: 'x' }, (_req, res) => {
            res.json({ open: true });
          }),
      );
    },
  });
  return { app, checked: auth.checked };
}

describe('a deferred principal', () => {
  it('is never checked on routes that do not read it', async () => {
    const { app, checked } = appWithRoutes();
    expect((await request(app).get('/public').set('x-user', '7')).body).toEqual({ public: true });
    expect((await request(app).get('/api/undeclared').set('x-user', '7')).body).toEqual({ open: true });
    expect((await request(app).get('/health')).status).toBe(200);
    expect(checked).toEqual([]);
  });

  it('is checked once by routes that declare it or mount resolvePrincipal', async () => {
    const { app, checked } = appWithRoutes();
    expect((await request(app).get('/api/required').set('x-user', '7')).body).toEqual({ id: '7' });
    expect((await request(app).get('/api/optional').set('x-user', '8')).body).toEqual({ id: '8' });
    expect((await request(app).get('/api/optional')).body).toEqual({ id: null });
    expect((await request(app).get('/mine').set('x-user', '9')).body).toEqual({ id: '9' });
    expect((await request(app).get('/api/required')).status).toBe(401);
    expect(checked).toEqual(['/required', '/optional', '/optional', '/mine', '/required']);
  });

  it('fails loudly when read by a route that never resolved it, signed in or not', async () => {
    const { app } = appWithRoutes();
    for (const headers of [{}, { 'x-user': '7' }]) {
      const res = await request(app).get('/forgot-to-declare').set(headers);
      expect(res.status).toBe(500);
    }
  });

  it('keeps a principal set before it was deferred, and the first deferral', async () => {
    const { app } = buildHttpApp({
      logger: createLogger({ name: 'principal-test', level: 'silent', pretty: false }),
      mount: (app) => {
        app.use((req, _res, next) => {
          setPrincipal(req, { id: 'known', roles: [] });
          deferPrincipal(req, async () => setPrincipal(req, { id: 'overwritten', roles: [] }));
          next();
        });
        app.get('/mine', (req, res) => {
          res.json({ id: requirePrincipal(req).id });
        });
      },
    });
    expect((await request(app).get('/mine')).body).toEqual({ id: 'known' });
  });
});
