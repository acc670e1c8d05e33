import { createAccountModule } from '@mosaic/account-module';
import { createAuthModule } from '@mosaic/auth-module';
import { createExchangeModule } from '@mosaic/exchange-module';
import type { AppContext, ComposedApp } from '@mosaic/kit-app';
import { buildHttpApp, defineRoute, requirePrincipal, type HttpApp } from '@mosaic/kit-http';
import { createUrlshortenerModule } from '@mosaic/urlshortener-module';
import { DOMAINS } from './domains';
import { landingPage } from './landing-page';

/** Every domain in one process: wire each domain on the shared backends and mount its routers. */
export async function createPlatform(context: AppContext): Promise<ComposedApp> {
  const auth = await createAuthModule(context);
  const account = await createAccountModule(context);
  const urlshortener = await createUrlshortenerModule(context, { pagePath: '/s/' });
  const exchange = await createExchangeModule(context, { users: auth.useCases, pagePath: '/exchange/' });
  const page = landingPage(DOMAINS);
  const http: HttpApp = buildHttpApp({
    logger: context.logger,
    telemetry: context.telemetry,
    resources: [auth.resource, ...account.resources, ...urlshortener.resources, ...exchange.resources],
    api: { title: 'Mosaic platform', version: '0.1.0' },
    mount: (app) => {
      defineRoute(app, { method: 'get', path: '/', summary: 'Home page', tags: ['pages'] }, (_req, res) => {
        res.type('html').send(page);
      });
      app.use('/api/v1/auth', auth.router);
      // The gitbitex-compatible API authenticates by its own cookie rules (a stale cookie is "signed out", never a 401 loop).
      app.use('/api', exchange.router);
      app.use(exchange.page);
      // Every router below sees the caller's principal when a valid token came with the request.
      app.use(auth.authenticate);
      defineRoute(app, { method: 'get', path: '/api/v1/whoami', summary: 'The caller as authentication sees it', tags: ['auth'], principal: 'required' }, (req, res) => {
        res.json(requirePrincipal(req));
      });
      app.use('/api/v1', account.router);
      // Last: its redirects take any single path segment that could be a short code.
      app.use(urlshortener.router);
    },
    onListen: (server) => {
      http.lifecycle.add(exchange.attach(server));
    },
  });
  return { http, pages: [{ name: 'home', path: '/' }, ...DOMAINS.filter((d) => d.ready).map((d) => ({ name: d.name, path: d.path }))] };
}
