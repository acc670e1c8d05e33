import { createAccountModule } from '@mosaic/account-module';
import { createAuthModule } from '@mosaic/auth-module';
import type { AppContext, ComposedApp } from '@mosaic/kit-app';
import { buildHttpApp, defineRoute, requirePrincipal } from '@mosaic/kit-http';
import { createUrlshortenerModule } from '@mosaic/urlshortener-module';
import { DOMAINS } from './domains';
import { landingPage } from './landing-page';

/** Every domain in one process: wire each domain on the shared backends and mount its routers. */
export async function createPlatform(context: AppContext): Promise<ComposedApp> {
  const auth = await createAuthModule(context);
  const account = await createAccountModule(context);
  const urlshortener = await createUrlshortenerModule(context, { pagePath: '/s/' });
  const page = landingPage(DOMAINS);
  const http = buildHttpApp({
    logger: context.logger,
    telemetry: context.telemetry,
    trustProxy: context.config.TRUST_PROXY,
    resources: [auth.resource, ...account.resources, ...urlshortener.resources],
    api: { title: 'Mosaic platform', version: '0.1.0' },
    mount: (app) => {
      defineRoute(app, { method: 'get', path: '/', summary: 'Home page', tags: ['pages'] }, (_req, res) => {
        res.type('html').send(page);
      });
      app.use('/api/v1/auth', auth.router);
      // Every router below sees the caller's principal when a valid token came with the request.
      app.use(auth.authenticate);
      defineRoute(app, { method: 'get', path: '/api/v1/whoami', summary: 'The caller as authentication sees it', tags: ['auth'], principal: 'required' }, (req, res) => {
        res.json(requirePrincipal(req));
      });
      app.use('/api/v1', account.router);
      // Last: its redirects take any single path segment that could be a short code.
      app.use(urlshortener.router);
    },
  });
  return { http, pages: [{ name: 'home', path: '/' }, ...DOMAINS.filter((d) => d.ready).map((d) => ({ name: d.name, path: d.path }))] };
}
