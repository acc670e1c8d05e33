import { createAuthModule } from '@mosaic/auth-module';
import { createExchangeModule } from '@mosaic/exchange-module';
import type { AppContext, ComposedApp } from '@mosaic/kit-app';
import { buildHttpApp, type HttpApp } from '@mosaic/kit-http';
import { SIGN_IN_PATH, useMosaicUi } from '@mosaic/kit-ui';

/**
 * The exchange alone: its API at `/api/*`, the feed at `/ws`, the trading page at
 * `/`, with auth on the same backends (one user base; tokens signed with the shared
 * AUTH_PRIVATE_KEY work here and on the platform alike).
 */
export async function composeExchange(context: AppContext): Promise<ComposedApp> {
  const auth = await createAuthModule(context);
  // With brokers configured the journal is a Kafka topic shared by every instance (one leads, the others stand by).
  const exchange = await createExchangeModule(context, { users: auth.useCases, journal: context.env.KAFKA_BROKERS ? 'kafka' : 'file' });
  const http: HttpApp = buildHttpApp({
    logger: context.logger,
    telemetry: context.telemetry,
    resources: [auth.resource, ...exchange.resources],
    api: { title: 'Mosaic exchange', version: '0.1.0' },
    fastRoutes: exchange.fastRoutes,
    mount: (app) => {
      // The shared look, with kit-ui's sign-in / sign-up page at /signin (on this app's auth API).
      useMosaicUi(app, { nav: [{ label: 'Exchange', href: '/' }], signInPath: SIGN_IN_PATH, footerLinks: [{ label: 'API docs', href: '/docs' }] });
      app.use(exchange.page);
      app.use('/api/v1/auth', auth.router);
      app.use('/api', exchange.router);
    },
    onListen: (server) => {
      http.lifecycle.add(exchange.attach(server));
    },
  });
  return {
    http,
    pages: [
      { name: 'trading page', path: '/' },
      { name: 'exchange API', path: '/api/products' },
    ],
  };
}
