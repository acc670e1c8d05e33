import { createAccountModule } from '@mosaic/account-module';
import { createAuthModule } from '@mosaic/auth-module';
import { createChatModule } from '@mosaic/chat-module';
import { createFlashsaleModule } from '@mosaic/flashsale-module';
import { createExchangeModule } from '@mosaic/exchange-module';
import type { AppContext, ComposedApp } from '@mosaic/kit-app';
import { buildHttpApp, defineRoute, requirePrincipal, type HttpApp } from '@mosaic/kit-http';
import { createUrlshortenerModule } from '@mosaic/urlshortener-module';
import { definePage, SIGN_IN_PATH, useMosaicUi } from '@mosaic/kit-ui';
import { API_DOCS_PATH, DOMAINS } from './domains';
import { HOME_ENTRY, homeBody, platformNav } from './home/home-page';

/** Every domain in one process: wire each domain on the shared backends and mount its routers. */
export async function createPlatform(context: AppContext): Promise<ComposedApp> {
  const auth = await createAuthModule(context);
  const account = await createAccountModule(context, { pagePath: '/accounts/' });
  const urlshortener = await createUrlshortenerModule(context, { pagePath: '/s/' });
  const chat = await createChatModule(context, { pagePath: '/chat/', authenticateUpgrade: auth.authenticateUpgradeSession });
  const flashsale = await createFlashsaleModule(context, { mountPath: '/flashsale' });
  const exchange = await createExchangeModule(context, { users: auth.useCases, pagePath: '/exchange/' });
  const http: HttpApp = buildHttpApp({
    logger: context.logger,
    telemetry: context.telemetry,
    trustProxy: context.config.TRUST_PROXY,
    resources: [auth.resource, ...account.resources, ...urlshortener.resources, ...chat.resources, ...flashsale.resources, ...exchange.resources],
    api: { title: 'Mosaic platform', version: '0.1.0' },
    // Ahead of express, each beside its router mounted below, which is the first that would take its requests anyway:
    // order placement under `/api`, the flash sale's plain checkout under `/flashsale`.
    fastRoutes: [...exchange.fastRoutes, ...flashsale.fastRoutes],
    mount: (app) => {
      useMosaicUi(app, { nav: platformNav(), signInPath: SIGN_IN_PATH, footerLinks: API_DOCS_PATH ? [{ label: 'API docs', href: API_DOCS_PATH }] : [] });
      definePage(app, '/', { title: 'Mosaic', entry: HOME_ENTRY, body: homeBody(), description: 'Every Mosaic product in one place' });
      app.use('/api/v1/auth', auth.router);
      // The gitbitex-compatible API authenticates by its own cookie rules (a stale cookie is "signed out", never a 401 loop).
      app.use('/api', exchange.router);
      app.use(exchange.page);
      // Every router below sees the caller's principal when a valid token came with the request.
      app.use(auth.authenticate);
      defineRoute(
        app,
        { method: 'get', path: '/api/v1/whoami', summary: 'The caller as authentication sees it', tags: ['auth'], principal: 'required' },
        (req, res) => {
          res.json(requirePrincipal(req));
        },
      );
      app.use('/api/v1/chat', chat.router);
      app.use(chat.page);
      app.use('/api/v1', account.router);
      app.use(account.page);
      app.use('/api/v1/flashsale', flashsale.apiRouter);
      app.use(flashsale.mountPath, flashsale.router);
      // Last: its redirects take any single path segment that could be a short code.
      app.use(urlshortener.router);
    },
    onListen: (server) => {
      http.lifecycle.add(exchange.attach(server));
    },
  });
  return {
    http,
    // WebSocket /ws/chat on the same server, closed first when draining.
    onListening: async (server) => void (await chat.attach(server)),
    beforeDrain: async () => {
      await chat.closeSocket();
      await flashsale.closeStreams();
    },
    pages: [{ name: 'home', path: '/' }, ...DOMAINS.flatMap((d) => (d.page ? [{ name: d.name, path: d.page }] : []))],
  };
}
