import { createRemoteAuthentication } from '@mosaic/auth-module';
import type { AppContext, ComposedApp } from '@mosaic/kit-app';
import { buildHttpApp } from '@mosaic/kit-http';
import { useMosaicUi } from '@mosaic/kit-ui';
import { createUrlshortenerModule } from '@mosaic/urlshortener-module';
import { loadAppSettings } from './urlshortener-settings';

/**
 * The shortener alone: its page at `/`, its API, and redirects at `/:code`. With
 * AUTH_JWKS_URL it accepts the auth service's access tokens (verified with its
 * public keys, never by calling it), so signed-in users own and may delete links.
 */
export async function composeUrlshortener(context: AppContext): Promise<ComposedApp> {
  const settings = loadAppSettings(context.env);
  const urlshortener = await createUrlshortenerModule(context, { pagePath: '/' });
  const http = buildHttpApp({
    logger: context.logger,
    telemetry: context.telemetry,
    trustProxy: context.config.TRUST_PROXY,
    resources: urlshortener.resources,
    api: { title: 'Mosaic URL shortener', version: '0.1.0' },
    // A cached code is answered before express; the rest reaches the routes below.
    fastRoutes: [urlshortener.fastRedirect],
    mount: (app) => {
      useMosaicUi(app, { nav: [{ label: 'URL shortener', href: '/' }], footerLinks: [{ label: 'API docs', href: '/docs' }] });
      if (settings.auth) {
        app.use(createRemoteAuthentication(context, settings.auth).authenticate);
      }
      // The redirect as a route of its own, ahead of the router: the hot path skips its dispatch.
      app.get('/:code', urlshortener.redirect);
      app.use(urlshortener.router);
    },
  });
  return { http, pages: [{ name: 'shorten a link', path: '/' }] };
}
